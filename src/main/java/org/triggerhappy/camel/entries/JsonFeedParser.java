package org.triggerhappy.camel.entries;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) into the same {@link ParsedFeed} as RSS and Atom:
 * id → guid, url (else external_url) → link, content_html else content_text else summary → content, image and
 * image attachments appended as images, other attachments as links, authors (1.1) or author (1.0), tags →
 * categories. Stateless and thread-safe.
 */
final class JsonFeedParser {
    static final String MEDIA_TYPE = "application/feed+json";
    private static final String VERSION_PREFIX = "jsonfeed.org/version/";

    // Bounded like the XML parser: the body is already capped by the fetch, nesting is not.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build()).build();

    private JsonFeedParser() {
    }

    /** The Content-Type says JSON Feed. */
    static boolean isJsonFeedType(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith(MEDIA_TYPE);
    }

    static ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new FeedParseException("JSON Feed error: " + reason(e), e);
        } catch (IOException e) {
            throw new FeedParseException("JSON Feed error: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FeedParseException("JSON Feed error: the document is not a JSON object");
        }
        String version = text(root, "version");
        if (version == null || !version.contains(VERSION_PREFIX)) {
            if (!isJsonFeedType(contentType)) {
                throw new FeedParseException("not a feed: JSON document without a jsonfeed.org version");
            }
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new FeedParseException("JSON Feed error: \"items\" is " + (items.isMissingNode() ? "missing"
                    : "not an array"));
        }
        String feedAuthor = author(root);
        List<FeedEntry> entries = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item.isObject()) {
                entries.add(entry(item, feedUrl, feedAuthor));
            }
        }
        return new ParsedFeed(text(root, "title"), AbsoluteLinks.absolute(feedUrl, text(root, "home_page_url")),
                null, entries);
    }

    private static FeedEntry entry(JsonNode item, URI base, String feedAuthor) {
        String link = AbsoluteLinks.absolute(base, text(item, "url"));
        if (link == null) {
            link = AbsoluteLinks.absolute(base, text(item, "external_url"));
        }
        String html = text(item, "content_html");
        if (html == null) {
            String plain = text(item, "content_text");
            if (plain == null) {
                plain = text(item, "summary");
            }
            html = plain == null ? null : Html.escape(plain);
        }
        Set<String> images = new LinkedHashSet<>();
        ImageEnclosures.add(images, base, text(item, "image"));
        StringBuilder links = new StringBuilder();
        for (JsonNode a : item.path("attachments")) {
            String url = AbsoluteLinks.absolute(base, text(a, "url"));
            if (url == null) {
                continue;
            }
            if (ImageEnclosures.isImageType(text(a, "mime_type"))) {
                ImageEnclosures.add(images, base, url);
            } else {
                String title = text(a, "title");
                links.append("<p><a href=\"").append(Html.escape(url)).append("\">")
                        .append(Html.escape(title == null ? url : title)).append("</a></p>");
            }
        }
        String content = ImageEnclosures.appendTo(html, images, base, link);
        if (links.length() > 0) {
            content = (content == null ? "" : content) + links;
        }
        Instant published = date(text(item, "date_published"));
        if (published == null) {
            published = date(text(item, "date_modified"));
        }
        String author = author(item);
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : item.path("tags")) {
            if (tag.isValueNode() && !tag.asText().isBlank() && tags.size() < FeedParser.MAX_CATEGORIES) {
                tags.add(tag.asText().strip());
            }
        }
        return new FeedEntry(text(item, "id"), link, text(item, "title"), content, published,
                author != null ? author : feedAuthor, tags);
    }

    /** 1.1 "authors": [{"name": …}], else 1.0 "author": {"name": …}; names joined. */
    private static String author(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode a : node.path("authors")) {
            String name = text(a, "name");
            if (name != null) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            String name = text(node.path("author"), "name");
            if (name != null) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** RFC 3339 as the spec says; anything else is undated rather than an error. */
    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A string (or number: ids in the wild) field, stripped; null when absent or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s.strip();
    }

    private static String reason(JacksonException e) {
        String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        msg = msg.replaceAll("\\s+", " ").strip();
        if (msg.length() > 200) {
            msg = msg.substring(0, 200) + "…";
        }
        var where = e.getLocation();
        return where == null ? msg : msg + " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }
}
