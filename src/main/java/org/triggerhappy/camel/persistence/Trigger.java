package org.triggerhappy.camel.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.config.FullContentMode;

/**
 * A trigger as a poll reads it: its feed, its own settings, rules and title template. The poll cycle selects the
 * due ones with {@code sql/select-due-triggers.sql}; a preview reads one by id.
 *
 * @param dateTriggered django-th's "last published" time, null when the trigger never ran
 * @param interval      the trigger's own poll interval (thc_trigger_settings), null for TH_POLL_INTERVAL
 * @param fullContent   the trigger's own full-content mode, null for TH_FULL_CONTENT
 * @param selector      CSS selector of the article on linked pages, null for automatic extraction
 * @param keepRules     the trigger's keep rules ({@code FIELD=REGEX}), empty for none
 * @param blockRules    the trigger's block rules, empty for none
 * @param titleTemplate the trigger's note title template, null for the entry's own title
 */
public record Trigger(int triggerId, int userId, String description, LocalDate dateCreated, Instant dateTriggered,
                         String feedUrl, Duration interval, FullContentMode fullContent, String selector,
                         List<String> keepRules, List<String> blockRules, String titleTemplate) {

    public Trigger {
        keepRules = keepRules == null ? List.of() : List.copyOf(keepRules);
        blockRules = blockRules == null ? List.of() : List.copyOf(blockRules);
    }

    public Trigger(int triggerId, int userId, String description, LocalDate dateCreated, Instant dateTriggered,
                      String feedUrl) {
        this(triggerId, userId, description, dateCreated, dateTriggered, feedUrl, null, null, null, null, null, null);
    }

    /** From the row map camel-sql produces. */
    public static Trigger from(Map<String, Object> row) {
        return new Trigger(
                ((Number) row.get("trigger_id")).intValue(),
                ((Number) row.get("user_id")).intValue(),
                (String) row.get("description"),
                toLocalDate(row.get("date_created")),
                toInstant(row.get("date_triggered")),
                ((String) row.get("feed_url")).trim(),
                TriggerSettings.interval(row.get("poll_interval_seconds")),
                TriggerSettings.fullContent((String) row.get("full_content")),
                (String) row.get("article_selector"),
                TriggerSettings.rules(row.get("keep_rules")),
                TriggerSettings.rules(row.get("block_rules")),
                (String) row.get("title_template"));
    }

    private static LocalDate toLocalDate(Object o) {
        if (o instanceof Date d) {
            return d.toLocalDate();
        }
        return o instanceof LocalDate l ? l : null;
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return o instanceof Instant i ? i : null;
    }
}
