package org.triggerhappy.camel.ops;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Feed URLs as the status page shows them. Private feeds often carry a key in the query string or a password in the
 * user-info part; the page is for operators, so both are masked (query parameter names stay, values go).
 */
final class FeedUrls {
    private FeedUrls() {
    }

    static String forDisplay(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI u = new URI(url);
            if (u.getRawAuthority() == null) {
                return u.getRawQuery() == null && u.getRawUserInfo() == null ? url : "(unreadable URL)";
            }
            StringBuilder b = new StringBuilder();
            b.append(u.getScheme()).append("://");
            if (u.getRawUserInfo() != null) {
                b.append("…@");
            }
            b.append(u.getHost() != null ? u.getHost() : "");
            if (u.getPort() != -1) {
                b.append(':').append(u.getPort());
            }
            b.append(u.getRawPath() == null ? "" : u.getRawPath());
            if (u.getRawQuery() != null) {
                b.append('?').append(maskQuery(u.getRawQuery()));
            }
            return b.toString();
        } catch (URISyntaxException e) {
            return "(unreadable URL)";
        }
    }

    private static String maskQuery(String query) {
        StringBuilder b = new StringBuilder();
        for (String part : query.split("&", -1)) {
            if (b.length() > 0) {
                b.append('&');
            }
            int eq = part.indexOf('=');
            b.append(eq < 0 ? part : part.substring(0, eq) + "=…");
        }
        return b.toString();
    }
}
