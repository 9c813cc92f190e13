package org.triggerhappy.camel.articles;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jsoup.internal.StringUtil;

/** Resolution of page URLs: keeps the port, removes {@code ../}, accepts only http(s) for images. */
final class Urls {

    private Urls() {
    }

    /** The absolute http(s) URL of {@code ref} against {@code base}, or null when it is not http(s). */
    static String absolute(String base, String ref) {
        String resolved = absoluteAny(base, ref);
        if (resolved == null) {
            return null;
        }
        String lower = resolved.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? resolved : null;
    }

    /** The absolute URL of {@code ref} against {@code base} whatever its scheme (mailto:, #top...), or null. */
    static String absoluteAny(String base, String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        String trimmed = ref.strip();
        if (trimmed.startsWith("#")) {
            return trimmed;
        }
        String resolved = StringUtil.resolve(base == null ? "" : base, trimmed);
        if (resolved.isEmpty()) {
            return null;
        }
        return normalizeDots(resolved);
    }

    /** java.net.URL resolution may leave {@code ../} above the root ("http://h/../a"): browsers drop those. */
    private static String normalizeDots(String url) {
        if (!url.contains("/.")) {
            return url;
        }
        try {
            URI uri = new URI(url).normalize();
            String path = uri.getRawPath();
            if (uri.getRawAuthority() == null || path == null) {
                return uri.toString();
            }
            while (path.startsWith("/../")) {
                path = path.substring(3);
            }
            return uri.getScheme() + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
