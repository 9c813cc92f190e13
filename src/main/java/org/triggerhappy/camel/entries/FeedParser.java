package org.triggerhappy.camel.entries;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import org.jdom2.Document;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses an RSS (0.90–2.0) or Atom (0.3, 1.0) document with ROME, or a JSON Feed ({@link JsonFeedParser}), into a
 * {@link ParsedFeed}. Stateless and thread-safe.
 * <p>
 * XML handling differs from ROME's defaults on purpose: DOCTYPEs are accepted (RSS 0.91 Netscape carries one), but
 * the parser never loads external DTDs or entities and caps entity expansion ({@link FeedXml}), so XXE and "billion
 * laughs" documents fail instead of reading files or exhausting memory. ROME's slow char-by-char "XML healer" is
 * replaced by a byte-level skip of whitespace and comments before the XML declaration ({@link FeedPrelude}); its
 * entity fix-up is only used to retry a document that failed on an undeclared HTML entity such as {@code &nbsp;}.
 */
public final class FeedParser {

    /** Categories kept per entry: enough for filters and tags, bounded against a feed of a million tags. */
    static final int MAX_CATEGORIES = 100;

    private static final Set<String> FEED_ROOTS = Set.of("rss", "RDF", "feed");

    /**
     * @param body        raw document bytes (already decompressed)
     * @param contentType HTTP Content-Type, may be null; its charset is used when the document declares none
     * @param feedUrl     URL the document came from; base for relative links, may be null
     */
    public ParsedFeed parse(byte[] body, String contentType, String feedUrl) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty document");
        }
        byte[] xml = FeedPrelude.stripBeforeDeclaration(body);
        if (FeedPrelude.looksLikeHtml(xml)) {
            throw new FeedParseException("not a feed: HTML page");
        }
        if (FeedPrelude.looksLikeJson(xml) || JsonFeedParser.isJsonFeedType(contentType)) {
            return JsonFeedParser.parse(xml, contentType, AbsoluteLinks.base(feedUrl));
        }
        try {
            Document document = FeedXml.build(xml, contentType);
            return toParsedFeed(toSyndFeed(document), AbsoluteLinks.base(feedUrl));
        } catch (FeedParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // ROME and JDOM signal many data problems with unchecked exceptions
            throw new FeedParseException("feed could not be read: "
                    + FeedParseException.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static SyndFeed toSyndFeed(Document document) throws FeedParseException {
        String root = document.hasRootElement() ? document.getRootElement().getName() : "";
        if (root.equalsIgnoreCase("html")) {
            throw new FeedParseException("not a feed: HTML page");
        }
        if (!FEED_ROOTS.contains(root)) {
            // ROME would read an OPML file (rome-opml is on the class path for triggers import) as a "feed".
            throw new FeedParseException("not a feed: root element <" + root + "> is neither RSS nor Atom");
        }
        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true); // the wire entries tell whether a guid/id element was present
        try {
            return input.build(document);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException("not a feed: root element <" + root + "> is neither RSS nor Atom", e);
        } catch (FeedException e) {
            throw new FeedParseException("not a valid feed: "
                    + FeedParseException.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static ParsedFeed toParsedFeed(SyndFeed feed, URI feedUrl) {
        WireFeed wire = feed.originalWireFeed();
        URI base = wire instanceof Feed atom ? AbsoluteLinks.against(feedUrl, atom.getXmlBase()) : feedUrl;
        List<FeedEntry> entries = new ArrayList<>(feed.getEntries().size());
        for (SyndEntry entry : feed.getEntries()) {
            entries.add(toEntry(entry, wire, base));
        }
        Duration ttl = wire instanceof Channel channel && channel.getTtl() > 0
                ? Duration.ofMinutes(channel.getTtl()) : null;
        return new ParsedFeed(feed.getTitle(), AbsoluteLinks.absolute(base, feed.getLink()), ttl, entries);
    }

    private static FeedEntry toEntry(SyndEntry entry, WireFeed feed, URI feedBase) {
        Object wire = entry.getWireEntry();
        URI base = wire instanceof Entry atom ? AbsoluteLinks.against(feedBase, atom.getXmlBase()) : feedBase;
        Date published = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        String link = AbsoluteLinks.absolute(base, entry.getLink());
        String content = ImageEnclosures.appendTo(contentHtml(entry), entry, base, link);
        return new FeedEntry(guid(entry, feed, wire), link, entry.getTitle(), content,
                published == null ? null : published.toInstant(), blankToNull(entry.getAuthor()), categories(entry));
    }

    private static List<String> categories(SyndEntry entry) {
        List<String> names = new ArrayList<>();
        for (var category : entry.getCategories()) {
            String name = blankToNull(category.getName());
            if (name != null && names.size() < MAX_CATEGORIES) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * RSS guid, Atom id, RSS 1.0 rdf:about. Not SyndEntry.getUri(): for RSS items without a guid ROME fills it with
     * the link, which would make a link look like a stable id.
     */
    private static String guid(SyndEntry entry, WireFeed feed, Object wire) {
        if (wire instanceof Item item) {
            if (item.getGuid() != null) {
                return blankToNull(item.getGuid().getValue());
            }
            return "rss_1.0".equals(feed.getFeedType()) ? blankToNull(item.getUri()) : null;
        }
        if (wire instanceof Entry atom) {
            return blankToNull(atom.getId());
        }
        return blankToNull(entry.getUri());
    }

    /**
     * content:encoded / Atom content first, else description / summary; plain text is escaped to HTML unless it
     * looks like HTML ({@link HtmlLikeText}).
     */
    private static String contentHtml(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            String html = asHtml(content);
            if (html != null) {
                return html;
            }
        }
        return asHtml(entry.getDescription());
    }

    private static String asHtml(SyndContent content) {
        if (content == null || content.getValue() == null || content.getValue().isBlank()) {
            return null;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        if ((type.equals("text") || type.equals("text/plain")) && !HtmlLikeText.looksLikeHtml(content.getValue())) {
            return Html.escape(content.getValue());
        }
        return content.getValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
