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
        if (trimmed.startsWith("#") || isPlainAbsolute(trimmed)) {
            return trimmed;
        }
        String resolved = StringUtil.resolve(base == null ? "" : base, trimmed);
        if (resolved.isEmpty()) {
            return null;
        }
        return normalizeDots(resolved);
    }

    /**
     * An absolute http(s) URL that resolution would return unchanged: no control characters or spaces, no dot
     * segments, a plain host[:port]. Most links of an article are such; they skip URL parsing.
     */
    static boolean isPlainAbsolute(String ref) {
        int start = ref.startsWith("https://") ? 8 : ref.startsWith("http://") ? 7 : -1;
        if (start < 0 || ref.contains("/.")) {
            return false;
        }
        int colon = -1;
        int hostEnd = ref.length();
        for (int i = start; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
            if (hostEnd == ref.length()) {
                if (c == '/' || c == '?' || c == '#') {
                    hostEnd = i;
                } else if (c == ':') {
                    colon = i;
                } else if (c == '@') {
                    return false;
                }
            }
        }
        if (hostEnd == start) {
            return false;
        }
        if (colon >= 0) {
            if (colon == hostEnd - 1) {
                return false;
            }
            for (int i = colon + 1; i < hostEnd; i++) {
                if (!Character.isDigit(ref.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
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
