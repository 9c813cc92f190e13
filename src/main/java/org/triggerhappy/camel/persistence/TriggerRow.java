package org.triggerhappy.camel.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One active RSS→Evernote trigger as selected by {@code sql/select-due-triggers.sql}.
 *
 * @param dateTriggered django-th's "last published" time, null when the trigger never ran
 */
public record TriggerRow(int triggerId, int userId, String description, LocalDate dateCreated, Instant dateTriggered,
                         String feedUrl) {

    /** From the row map camel-sql produces. */
    public static TriggerRow from(Map<String, Object> row) {
        return new TriggerRow(
                ((Number) row.get("trigger_id")).intValue(),
                ((Number) row.get("user_id")).intValue(),
                (String) row.get("description"),
                toLocalDate(row.get("date_created")),
                toInstant(row.get("date_triggered")),
                ((String) row.get("feed_url")).trim());
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
