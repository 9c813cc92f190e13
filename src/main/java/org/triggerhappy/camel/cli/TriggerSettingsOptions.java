package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.DurationParser;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.entries.EntryRule;
import org.triggerhappy.camel.notes.TitleTemplate;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import picocli.CommandLine.Option;

/** The per-trigger settings that {@code triggers add} and {@code triggers set} take, validated before anything is written. */
final class TriggerSettingsOptions {
    // Below a minute the poll timer (at most 60 s a tick) cannot keep up; above a day PollSchedule caps it anyway.
    static final Duration INTERVAL_MIN = Duration.ofMinutes(1);
    static final Duration INTERVAL_MAX = Duration.ofHours(24);
    static final String DEFAULT = "default";
    static final int SELECTOR_MAX = 500;
    static final int RULES_MAX = 50;

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

    @Option(names = "--keep", paramLabel = "RULE",
            description = "Only entries matching a keep rule become notes. RULE is FIELD=REGEX, FIELD one of title,"
                    + " content, link, author, category, any; a Java regex, case-sensitive unless (?i)."
                    + " Repeatable; added to the trigger's rules unless --clear-rules.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--block", paramLabel = "RULE",
            description = "Entries matching a block rule never become notes (checked before keep rules)."
                    + " Same form as --keep; repeatable.")
    List<String> block = new ArrayList<>();

    @Option(names = "--clear-rules",
            description = "Drops the trigger's keep and block rules (those given with it replace them).")
    boolean clearRules;

    @Option(names = "--title-template", paramLabel = "TEMPLATE",
            description = "The note title: text with {{title}}, {{feed}}, {{author}}, {{date}} (yyyy-MM-dd in"
                    + " TH_TIME_ZONE) and {{trigger}}, e.g. '[{{feed}}] {{title}}'; 'default' or '' for the"
                    + " entry's own title.")
    String titleTemplate;

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
        rules(m);
        if (titleTemplate != null) {
            m.put(Column.TITLE_TEMPLATE, titleTemplate.isBlank() || isDefault(titleTemplate) ? null
                    : titleTemplate(titleTemplate));
        }
        return m;
    }

    private void rules(Map<Column, Object> m) {
        String[] keeps = rules("--keep", keep);
        String[] blocks = rules("--block", block);
        if (clearRules) {
            m.put(Column.KEEP_RULES, keeps.length == 0 ? null : keeps);
            m.put(Column.BLOCK_RULES, blocks.length == 0 ? null : blocks);
            return;
        }
        if (keeps.length > 0) {
            m.put(Column.ADD_KEEP_RULES, keeps);
        }
        if (blocks.length > 0) {
            m.put(Column.ADD_BLOCK_RULES, blocks);
        }
    }

    /** Every rule compiled now, so that a bad one stops the command before anything is written. */
    static String[] rules(String option, List<String> given) {
        if (given.size() > RULES_MAX) {
            throw UserError.invalid(option + " given " + given.size() + " times; at most " + RULES_MAX + " rules");
        }
        for (String rule : given) {
            try {
                EntryRule.parse(rule);
            } catch (IllegalArgumentException e) {
                throw UserError.invalid(option + ": " + e.getMessage());
            }
        }
        return given.toArray(String[]::new);
    }

    static String titleTemplate(String template) {
        try {
            TitleTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw UserError.invalid("--title-template: " + e.getMessage());
        }
        return template;
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

    static boolean isDefault(String v) {
        return v.strip().equalsIgnoreCase(DEFAULT);
    }

    static <T> T option(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new UserError(e.getMessage()); // a bad option, not a bad configuration
        }
    }
}
