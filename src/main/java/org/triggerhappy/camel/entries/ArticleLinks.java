package org.triggerhappy.camel.entries;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The identity of an article across feeds: its link without the fragment and without the tracking parameters
 * newsletters and social sites add ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid}, {@code mc_eid}),
 * scheme and host lower-cased. Other parameters stay, in their order: they often name the article.
 */
public final class ArticleLinks {
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "mc_cid", "mc_eid");

    private ArticleLinks() {
    }

    /** The canonical link, or null when the entry has no usable http(s) link. */
    public static String canonical(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(link.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(link.length());
        out.append(uri.getScheme().toLowerCase(Locale.ROOT)).append("://")
                .append(uri.getRawAuthority().toLowerCase(Locale.ROOT));
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        String query = query(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    /** sha256 of the canonical link, or null without one. */
    public static String key(String link) {
        String canonical = canonical(link);
        return canonical == null ? null : Hashes.sha256Hex(canonical);
    }

    private static String query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
