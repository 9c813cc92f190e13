package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.triggerhappy.camel.config.DurationParser;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The per-trigger settings that {@code triggers add} and {@code triggers set} take, validated before anything is written. */
final class TriggerSettingsOptions {
    // Below a minute the poll timer (at most 60 s a tick) cannot keep up; above a day PollSchedule caps it anyway.
    static final Duration INTERVAL_MIN = Duration.ofMinutes(1);
    static final Duration INTERVAL_MAX = Duration.ofHours(24);

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "How often this feed is checked, e.g. 30m, 2h or PT2H (1m to 24h), or 'default'."
                    + " Default: TH_POLL_INTERVAL.")
    String interval;

    @Mixin
    NoteOptions note = new NoteOptions();

    @Option(names = "--clear-rules",
            description = "Drops the trigger's keep and block rules (those given with it replace them).")
    boolean clearRules;

    /** The columns to write; empty when no option was given. */
    Map<Column, Object> changes() {
        Map<Column, Object> m = new EnumMap<>(Column.class);
        if (interval != null) {
            m.put(Column.POLL_INTERVAL, NoteOptions.isDefault(interval) ? null
                    : Math.toIntExact(interval(interval).toSeconds()));
        }
        if (note.givenFullContent()) {
            FullContentMode mode = note.fullContent();
            m.put(Column.FULL_CONTENT, mode == null ? null : mode.label());
        }
        if (note.givenSelector()) {
            m.put(Column.SELECTOR, note.selector());
        }
        if (note.givenImages()) {
            ImageMode mode = note.images();
            m.put(Column.IMAGES, mode == null ? null : mode.label());
        }
        rules(m);
        if (note.givenTitleTemplate()) {
            m.put(Column.TITLE_TEMPLATE, note.titleTemplate());
        }
        return m;
    }

    private void rules(Map<Column, Object> m) {
        String[] keeps = note.keepRules();
        String[] blocks = note.blockRules();
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

    static Duration interval(String raw) {
        Duration d = NoteOptions.option(() -> DurationParser.parse("--interval", raw));
        if (d.compareTo(INTERVAL_MIN) < 0 || d.compareTo(INTERVAL_MAX) > 0) {
            throw new UserError("--interval " + raw + " must be between 1m and 24h");
        }
        return Duration.ofSeconds(d.toSeconds());
    }
}
