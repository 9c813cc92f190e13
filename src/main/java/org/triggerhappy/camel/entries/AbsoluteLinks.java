package org.triggerhappy.camel.entries;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Link resolution against the feed URL and xml:base; only http(s) links survive. */
final class AbsoluteLinks {

    private AbsoluteLinks() {
    }

    static URI base(String feedUrl) {
        if (feedUrl == null || feedUrl.isBlank()) {
            return null;
        }
        URI uri = parse(feedUrl);
        return uri != null && uri.isAbsolute() ? uri : null;
    }

    /** The base after applying an xml:base value (itself possibly relative). */
    static URI against(URI base, String xmlBase) {
        if (xmlBase == null || xmlBase.isBlank()) {
            return base;
        }
        URI resolved = resolve(base, xmlBase);
        return resolved != null ? resolved : base;
    }

    /** An absolute http(s) URL, or null when the link is missing, unparsable or of another scheme. */
    static String absolute(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        URI resolved = resolve(base, link);
        if (resolved == null) {
            return null;
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? resolved.toString() : null;
    }

    private static URI resolve(URI base, String reference) {
        URI ref = parse(reference);
        if (ref == null) {
            return null;
        }
        if (ref.isAbsolute()) {
            return ref;
        }
        if (base == null) {
            return null;
        }
        // URI.resolve("b") against "http://host" (empty path) would give "http://hostb"
        URI safeBase = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
        return safeBase.resolve(ref);
    }

    private static URI parse(String text) {
        try {
            return new URI(text.strip().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
