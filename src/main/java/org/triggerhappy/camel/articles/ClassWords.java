package org.triggerhappy.camel.articles;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The words of a class, id or label as sites write them: split at spaces, "-", "_" and camelCase. */
final class ClassWords {

    private static final Pattern SPLIT = Pattern.compile("[\\s_\\-]+|(?<=[a-z])(?=[A-Z])");

    private ClassWords() {
    }

    /** Whether any word of any of {@code values} is one of {@code words} (lower case). */
    static boolean any(Set<String> words, String... values) {
        for (String value : values) {
            if (value.isEmpty()) {
                continue;
            }
            for (String word : SPLIT.split(value)) {
                if (words.contains(word.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
