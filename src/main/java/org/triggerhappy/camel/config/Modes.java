package org.triggerhappy.camel.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses a lower-case setting value into its enum constant, with one error naming every allowed value. */
final class Modes {
    private Modes() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(what + "=" + value + " is not one of: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
