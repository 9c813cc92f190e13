package org.triggerhappy.camel.entries;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Where a web page says its feeds are, for finding the feed of a page someone took for one: the page's
 * {@code <link rel="alternate">} elements of a feed type, and the paths sites commonly serve their feed at. Only
 * candidates: whether one is a feed is known after fetching and parsing it. Stateless.
 */
public final class FeedLinks {

    /** Tried on the page's origin, in this order, when none of the page's links is a feed. */
    public static final List<String> COMMON_PATHS = List.of("/feed", "/rss", "/atom.xml", "/index.xml", "/feed.json");

    /** RSS, Atom and JSON Feed; plain application/json because JSON Feed 1.0 sites announce it with that type. */
    private static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
            "application/feed+json", "application/json");

    private FeedLinks() {
    }

    /**
     * Whether a document that did not parse as a feed is an HTML page: by its Content-Type, else by how it starts
     * (a doctype or {@code <html>}), since servers label pages and feeds loosely.
     */
    public static boolean isPage(byte[] body, String contentType) {
        String type = mediaType(contentType);
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return true;
        }
        return body != null && FeedPrelude.looksLikeHtml(body);
    }

    /**
     * The feed URLs the page links to with {@code rel="alternate"} and an RSS, Atom or JSON Feed type, in document
     * order, each once, made absolute against the page's {@code <base href>} or else {@code pageUrl} (the URL the
     * page was served from, after redirects).
     */
    public static List<String> alternates(String html, String pageUrl) {
        Document page = Jsoup.parse(html, pageUrl);
        Set<String> found = new LinkedHashSet<>();
        for (Element link : page.select("link[href]")) {
            if (!hasToken(link.attr("rel"), "alternate") || !FEED_TYPES.contains(mediaType(link.attr("type")))) {
                continue;
            }
            String url = link.absUrl("href");
            if (!url.isEmpty()) {
                found.add(url);
            }
        }
        return List.copyOf(found);
    }

    /** {@link #COMMON_PATHS} on the origin (scheme, host and port) of {@code pageUrl}; none when it is no URL. */
    public static List<String> commonPaths(String pageUrl) {
        URI page;
        try {
            page = new URI(pageUrl);
        } catch (URISyntaxException e) {
            return List.of();
        }
        if (page.getScheme() == null || page.getRawAuthority() == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>(COMMON_PATHS.size());
        for (String path : COMMON_PATHS) {
            urls.add(page.getScheme() + "://" + page.getRawAuthority() + path);
        }
        return urls;
    }

    private static boolean hasToken(String rel, String token) {
        for (String t : rel.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** "application/rss+xml; charset=utf-8" → "application/rss+xml". */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
