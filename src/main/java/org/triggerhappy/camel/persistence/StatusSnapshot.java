package org.triggerhappy.camel.persistence;

import java.time.Instant;
import java.util.List;

/** What the status page shows, read from the database at one moment. Holds no tokens. */
public record StatusSnapshot(Instant takenAt, List<TriggerLine> triggers, List<PausedUser> pausedUsers,
                             Outbox outbox, List<HeldBack> heldBack) {

    /**
     * One django-th RSS → Evernote trigger. {@code served} is false when django-th has it switched off (trigger,
     * user or one of its services). Times are null when the service never checked the feed.
     */
    public record TriggerLine(int triggerId, String user, String description, String feedUrl, boolean served,
                              Instant lastCheck, Instant nextCheck, String lastStatus, String result,
                              int consecutiveFailures, long entriesSeen, int notesWritten, int notesFailed,
                              long notesWaiting, long notesParked) {
    }

    /** A user whose deliveries Evernote paused; {@code until} is null for a token problem (until it changes). */
    public record PausedUser(int userId, String user, String kind, Instant until, Instant since, String reason,
                             long notesWaiting) {
    }

    /**
     * A user with notes parked (rejected for good until 'outbox retry') or deferred (waiting for a later attempt
     * after temporary trouble), each with the latest reason (null when there are none).
     */
    public record HeldBack(int userId, String user, long parked, String parkedReason, long deferred,
                           String deferredReason) {
    }

    /** Notes not yet written: pending (of which due now), the age of the oldest one, and parked for good. */
    public record Outbox(long pending, long dueNow, Instant oldestPending, long parked) {
    }
}
