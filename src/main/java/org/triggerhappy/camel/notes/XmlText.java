package org.triggerhappy.camel.notes;

/** XML text rules in one place: which characters XML (and Evernote) accept, and how text and attributes are escaped. */
final class XmlText {

    private XmlText() {
    }

    static String escapeText(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isXmlChar(cp)) {
                String e = escape(cp);
                if (e != null) {
                    sb.append(e);
                } else {
                    sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }

    static String escapeAttribute(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!isXmlChar(cp)) {
                continue;
            }
            switch (cp) {
                case '"' -> sb.append("&quot;");
                // A parser would turn these into spaces anyway (attribute value normalisation).
                case '\t', '\n', '\r' -> sb.append(' ');
                default -> {
                    String e = escape(cp);
                    if (e != null) {
                        sb.append(e);
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String escape(int cp) {
        return switch (cp) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\r' -> "&#13;"; // kept as written instead of being normalised away
            default -> null;
        };
    }

    /**
     * XML 1.0 Char production, minus the C1 controls and DEL (legal but "discouraged", and in feeds they are
     * mis-decoded windows-1252 bytes anyway).
     */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || cp >= 0x20 && cp < 0x7F
                || cp > 0x9F && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    static String stripNonXml(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (!isXmlChar(cp) && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            } else if (isXmlChar(cp) && sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            n += utf8Length(cp);
        }
        return n;
    }

    static int utf8Length(int cp) {
        // A lone surrogate is written by Java's encoder as '?', one byte; isXmlChar keeps them out anyway.
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? (Character.isSurrogate((char) cp) ? 1 : 3) : 4;
    }
}
