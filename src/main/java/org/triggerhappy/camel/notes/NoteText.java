package org.triggerhappy.camel.notes;

import java.util.regex.Pattern;

/** Cleaning shared by titles, tag and notebook names, and footer text: what the EDAM name regexes demand. */
final class NoteText {

    private static final Pattern BLANKS = Pattern.compile("[\\s\\p{Z}\\u0085]+");

    private NoteText() {
    }

    /**
     * Line breaks, tabs and every Unicode space become one space; control characters, lone surrogates and other
     * XML-illegal characters are removed; the result is trimmed.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String collapsed = BLANKS.matcher(s).replaceAll(" ");
        StringBuilder sb = new StringBuilder(collapsed.length());
        for (int i = 0; i < collapsed.length(); ) {
            int cp = collapsed.codePointAt(i);
            i += Character.charCount(cp);
            if (XmlText.isXmlChar(cp) && Character.getType(cp) != Character.CONTROL) {
                sb.appendCodePoint(cp);
            }
        }
        // Removing a control character can leave two spaces side by side.
        return BLANKS.matcher(sb).replaceAll(" ").strip();
    }

    /** At most {@code max} code points (a surrogate pair is never split), trailing space removed. */
    static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max)).stripTrailing();
    }
}
