package org.triggerhappy.camel.service;

import java.time.Duration;

/** What one {@code run --once} did; printed as one line. */
public record OnceSummary(int triggersPolled, int feedFailures, int newEntries, int notesWritten, int notesDeferred,
                          int notesParked, int stillQueued, Duration duration, int filtered, int crossFeedDuplicates) {

    public String line() {
        return String.format("run --once: %d triggers polled, %d feed failures, %d new entries (%d filtered out,"
                        + " %d already delivered by another feed), %d notes written, %d deferred, %d parked, %d still"
                        + " queued for the next run, %.1f s",
                triggersPolled, feedFailures, newEntries, filtered, crossFeedDuplicates, notesWritten, notesDeferred, notesParked, stillQueued,
                duration.toMillis() / 1000.0);
    }
}
