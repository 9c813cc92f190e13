package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.DurationParser;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import picocli.CommandLine.Option;

/** The per-trigger settings that {@code triggers add} and {@code triggers set} take, validated before anything is written. */
final class TriggerSettingsOptions {
    // Below a minute the poll timer (at most 60 s a tick) cannot keep up; above a day PollSchedule caps it anyway.
    static final Duration INTERVAL_MIN = Duration.ofMinutes(1);
    static final Duration INTERVAL_MAX = Duration.ofHours(24);
    static final String DEFAULT = "default";
    static final int SELECTOR_MAX = 500;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "How often this feed is checked, e.g. 30m, 2h or PT2H (1m to 24h), or 'default'."
                    + " Default: TH_POLL_INTERVAL.")
    String interval;

    @Option(names = "--full-content", paramLabel = "MODE",
            description = "Put the whole article in the note: auto (fetch the linked page when the entry's text is"
                    + " under 500 characters), always, never, or 'default' (TH_FULL_CONTENT).")
    String fullContent;

    @Option(names = "--selector", paramLabel = "CSS",
            description = "CSS selector of the article on the linked pages (e.g. 'article .post-body'), used instead"
                    + " of automatic extraction; '' for automatic.")
    String selector;

    @Option(names = "--images", paramLabel = "MODE",
            description = "embed (images stored in the note), link (remote images), or 'default' (TH_IMAGES).")
    String images;

    /** The columns to write; empty when no option was given. */
    Map<Column, Object> changes() {
        Map<Column, Object> m = new EnumMap<>(Column.class);
        if (interval != null) {
            m.put(Column.POLL_INTERVAL, isDefault(interval) ? null : Math.toIntExact(interval(interval).toSeconds()));
        }
        if (fullContent != null) {
            m.put(Column.FULL_CONTENT, isDefault(fullContent) ? null
                    : option(() -> FullContentMode.parse("--full-content", fullContent).label()));
        }
        if (selector != null) {
            m.put(Column.SELECTOR, selector.isBlank() ? null : selector(selector.strip()));
        }
        if (images != null) {
            m.put(Column.IMAGES, isDefault(images) ? null : option(() -> ImageMode.parse("--images", images).label()));
        }
        return m;
    }

    static Duration interval(String raw) {
        Duration d = option(() -> DurationParser.parse("--interval", raw));
        if (d.compareTo(INTERVAL_MIN) < 0 || d.compareTo(INTERVAL_MAX) > 0) {
            throw new UserError("--interval " + raw + " must be between 1m and 24h");
        }
        return Duration.ofSeconds(d.toSeconds());
    }

    static String selector(String css) {
        if (css.length() > SELECTOR_MAX) {
            throw new UserError("--selector has " + css.length() + " characters; at most " + SELECTOR_MAX);
        }
        try {
            QueryParser.parse(css);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new UserError("--selector '" + css + "' is not a valid CSS selector: " + e.getMessage());
        }
        return css;
    }

    private static boolean isDefault(String v) {
        return v.strip().equalsIgnoreCase(DEFAULT);
    }

    private static <T> T option(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new UserError(e.getMessage()); // a bad option, not a bad configuration
        }
    }
}
