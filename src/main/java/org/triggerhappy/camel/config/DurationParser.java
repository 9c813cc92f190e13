package org.triggerhappy.camel.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write in configuration: {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code 500ms} or ISO-8601 {@code PT15M}. */
public final class DurationParser {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationParser() {
    }

    public static Duration parse(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " is empty; expected a duration such as 90s, 15m, 1h or PT15M");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ConfigException(key + "=" + value + " is not a duration; use e.g. 90s, 15m, 1h or PT15M");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key + "=" + value + " must be positive");
        }
        return d;
    }
}
