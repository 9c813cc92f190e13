package org.triggerhappy.camel.articles;

import java.util.Locale;
import java.util.Set;

/** The words of a class, id or label as sites write them: split at spaces, "-", "_" and camelCase. */
final class ClassWords {

    private ClassWords() {
    }

    /** Whether any word of any of {@code values} is one of {@code words} (lower case). */
    static boolean any(Set<String> words, String... values) {
        for (String value : values) {
            int n = value.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSeparator(value.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isSeparator(value.charAt(i))
                        && !(i > start && isAsciiLower(value.charAt(i - 1)) && isAsciiUpper(value.charAt(i)))) {
                    i++;
                }
                if (i > start && words.contains(value.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isSeparator(char c) {
        // the \\s of the split this replaces: ASCII whitespace only
        return c == '-' || c == '_' || c == ' ' || c >= '\t' && c <= '\r';
    }
}
