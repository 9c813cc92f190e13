package org.triggerhappy.camel.notes;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes well-formed XML within a size budget counted in UTF-8 bytes (which is never less than the char count
 * EDAM limits). The end tags of open elements are reserved up front, so stopping early always leaves a document
 * that can be closed. Text is escaped and stripped of XML-illegal characters here, in one place.
 */
final class XmlBudgetWriter {

    private final StringBuilder out = new StringBuilder();
    private final long budget;
    private final Deque<String> endTags = new ArrayDeque<>();
    private long used;
    private long reservedForEnds;
    private boolean exhausted;

    XmlBudgetWriter(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** True once something did not fit; callers stop writing content then. */
    boolean exhausted() {
        return exhausted;
    }

    int openElements() {
        return endTags.size();
    }

    /** Opens {@code <name attrs>}; attrs are name/value pairs with raw (unescaped) values. */
    boolean start(String name, String... attrs) {
        String tag = "<" + name + attributes(attrs) + ">";
        String end = "</" + name + ">";
        long endBytes = utf8Length(end);
        if (!fits(utf8Length(tag) + endBytes)) {
            return false;
        }
        append(tag);
        endTags.push(end);
        reservedForEnds += endBytes;
        return true;
    }

    /** Writes {@code <name attrs/>}. */
    boolean empty(String name, String... attrs) {
        String tag = "<" + name + attributes(attrs) + "/>";
        if (!fits(utf8Length(tag))) {
            return false;
        }
        append(tag);
        return true;
    }

    void end() {
        String end = endTags.pop();
        reservedForEnds -= utf8Length(end);
        append(end);
    }

    void endAll() {
        while (!endTags.isEmpty()) {
            end();
        }
    }

    /** Escaped text; when it does not fit, as much as fits (whole code points) is written and false returned. */
    boolean text(String text) {
        if (exhausted) {
            return false;
        }
        StringBuilder piece = new StringBuilder(Math.min(text.length() + 16, 1 << 16));
        long bytes = 0;
        long room = budget - used - reservedForEnds;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!isXmlChar(cp)) {
                continue;
            }
            String escaped = escapeText(cp);
            long size = escaped != null ? escaped.length() : utf8Length(cp);
            if (bytes + size > room) {
                exhausted = true;
                break;
            }
            bytes += size;
            if (escaped != null) {
                piece.append(escaped);
            } else {
                piece.appendCodePoint(cp);
            }
        }
        out.append(piece);
        used += bytes;
        return !exhausted;
    }

    String result() {
        return out.toString();
    }

    private boolean fits(long bytes) {
        if (exhausted || used + reservedForEnds + bytes > budget) {
            exhausted = true;
            return false;
        }
        return true;
    }

    private void append(String s) {
        out.append(s);
        used += utf8Length(s);
    }

    static String attributes(String... attrs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            sb.append(' ').append(attrs[i]).append("=\"").append(escapeAttribute(attrs[i + 1])).append('"');
        }
        return sb.toString();
    }

    static String escapeText(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isXmlChar(cp)) {
                String e = escapeText(cp);
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
                    String e = escapeText(cp);
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

    private static String escapeText(int cp) {
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

    private static int utf8Length(int cp) {
        // A lone surrogate is written by Java's encoder as '?', one byte; isXmlChar keeps them out anyway.
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? (Character.isSurrogate((char) cp) ? 1 : 3) : 4;
    }
}
