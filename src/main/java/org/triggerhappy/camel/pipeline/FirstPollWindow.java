package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Which entries a trigger's first poll delivers: exactly what django-th would have, i.e. those published at or
 * after the trigger last ran (date_triggered) or, when it never ran, the start of the day it was created
 * (date_created, a date, read in TH_TIME_ZONE), and not in the future. Undated entries are only recorded.
 */
public record FirstPollWindow(Instant from, Instant to) {

    public static FirstPollWindow of(Instant dateTriggered, LocalDate dateCreated, ZoneId zone, Instant now) {
        Instant from = dateTriggered != null ? dateTriggered
                : dateCreated != null ? dateCreated.atStartOfDay(zone).toInstant() : now;
        return new FirstPollWindow(from, now);
    }

    public boolean contains(Instant published) {
        return published != null && !published.isBefore(from) && !published.isAfter(to);
    }
}
