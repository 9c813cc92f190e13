package org.triggerhappy.camel.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import org.triggerhappy.camel.config.Masked;

/** URL helpers for the fetcher. */
final class Urls {

    private Urls() {
    }

    /** The URI for messages and logs: {@link Masked#url(String)}. */
    static String display(URI uri) {
        return Masked.url(uri.toString());
    }

    /** Parses a feed URL, tolerating the spaces some publishers leave in links. */
    static URI parse(String text) throws URISyntaxException {
        return withoutFragment(new URI(text.strip().replace(" ", "%20")));
    }

    /** Resolves a Location header against the URL that answered with it. */
    static URI resolve(URI base, String location) throws URISyntaxException {
        URI target = new URI(location.strip().replace(" ", "%20"));
        // URI.resolve("b") on "http://host" (empty path) yields "http://hostb"
        URI safeBase = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
        return withoutFragment(safeBase.resolve(target));
    }

    private static URI withoutFragment(URI uri) throws URISyntaxException {
        if (uri.getRawFragment() == null) {
            return uri.normalize();
        }
        String s = uri.toString();
        return new URI(s.substring(0, s.indexOf('#'))).normalize();
    }
}
