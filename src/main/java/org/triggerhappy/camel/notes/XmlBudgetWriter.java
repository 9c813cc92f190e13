package org.triggerhappy.camel.notes;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes well-formed XML within a size budget counted in UTF-8 bytes (which is never less than the char count
 * EDAM limits). The end tags of open elements are reserved up front, so stopping early always leaves a document
 * that can be closed. Text is escaped and stripped of XML-illegal characters ({@link XmlText}).
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
        long endBytes = XmlText.utf8Length(end);
        if (!fits(XmlText.utf8Length(tag) + endBytes)) {
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
        if (!fits(XmlText.utf8Length(tag))) {
            return false;
        }
        append(tag);
        return true;
    }

    void end() {
        String end = endTags.pop();
        reservedForEnds -= XmlText.utf8Length(end);
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
            if (!XmlText.isXmlChar(cp)) {
                continue;
            }
            String escaped = XmlText.escape(cp);
            long size = escaped != null ? escaped.length() : XmlText.utf8Length(cp);
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
        used += XmlText.utf8Length(s);
    }

    private static String attributes(String... attrs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            sb.append(' ').append(attrs[i]).append("=\"").append(XmlText.escapeAttribute(attrs[i + 1])).append('"');
        }
        return sb.toString();
    }
}
