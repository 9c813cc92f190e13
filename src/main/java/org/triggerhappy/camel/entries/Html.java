package org.triggerhappy.camel.entries;

/**
 * Escaping for HTML text and attribute values alike, in one place: plain feed text turned into HTML, and everything
 * from outside shown on the status page or a preview.
 */
public final class Html {
    private Html() {
    }

    /** {@code s} with {@code & < > " '} escaped and every other character kept; "" for null. */
    public static String escape(String s) {
        return escape(s, false);
    }

    /**
     * As {@link #escape}, without the control characters other than tab and newline: on a page they are invisible
     * and can confuse parsers.
     */
    public static String escapeForPage(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean dropControls) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (!dropControls || ch >= 0x20 || ch == '\t' || ch == '\n') {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
