package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.OutboxClaim;
import org.triggerhappy.camel.persistence.OutboxClaims;

/**
 * Records the notes a lane's turn wrote, together: at the end of the turn, or every {@link #MARK_BATCH} notes or
 * {@link #MARK_DELAY}. Until then their items stay claimed and in flight, and a crash meanwhile leaves them to the
 * next holder, which finds each note by its marker instead of writing it again.
 */
final class WrittenNotes {
    private static final Logger LOG = LoggerFactory.getLogger(WrittenNotes.class);
    /** Notes of one turn recorded in one statement at most. */
    static final int MARK_BATCH = 50;
    /** Longest a written note waits for its record while its turn goes on (well inside the lease). */
    static final Duration MARK_DELAY = Duration.ofSeconds(5);

    private final OutboxClaims batches;
    private final ClaimedOutbox claims;
    private final InFlight inFlight;
    private final Outcomes outcomes;
    /** Notes Evernote confirmed whose delivery the database did not take: outbox id to note guid. */
    private final Map<Long, String> unrecorded = new ConcurrentHashMap<>();

    /** A note Evernote confirmed whose item is not marked delivered yet. */
    record Unmarked(OutboxClaim claim, DeliveryTarget target, String guid, String title, Instant at) {
    }

    WrittenNotes(OutboxClaims batches, ClaimedOutbox claims, InFlight inFlight, Outcomes outcomes) {
        this.batches = batches;
        this.claims = claims;
        this.inFlight = inFlight;
        this.outcomes = outcomes;
    }

    /** The guid of the item's note that this process wrote but could not record yet; null when there is none. */
    String unrecorded(long outboxId) {
        return unrecorded.get(outboxId);
    }

    /** A note written under the item's claim: recorded with the turn's batch. */
    void add(DeliveryTurn turn, OutboxClaim claim, DeliveryTarget t, String guid, String title, Instant at) {
        if (turn.unmarked.isEmpty()) {
            turn.firstUnmarkedNanos = System.nanoTime();
        }
        turn.unmarked.add(new Unmarked(claim, t, guid, title, at));
    }

    /** Records the turn's notes once there are {@link #MARK_BATCH} of them or the first waited {@link #MARK_DELAY}. */
    void recordIfDue(DeliveryTurn turn) {
        if (turn.unmarked.size() >= MARK_BATCH || (!turn.unmarked.isEmpty()
                && System.nanoTime() - turn.firstUnmarkedNanos > MARK_DELAY.toNanos())) {
            record(turn);
        }
    }

    /**
     * The notes of the turn exist: record them, in one statement. If the database fails now, each guid is kept in
     * memory for the next attempt of this process, and each item is marked ambiguous so that after a restart the note
     * is looked up rather than rewritten. If an item's claim was lost meanwhile, nothing is recorded for it: its new
     * holder finds the note by its marker.
     */
    void record(DeliveryTurn turn) {
        if (turn.unmarked.isEmpty()) {
            return;
        }
        List<Unmarked> batch = new ArrayList<>(turn.unmarked);
        turn.unmarked.clear();
        try {
            List<OutboxClaims.Written> notes = new ArrayList<>(batch.size());
            batch.forEach(u -> notes.add(new OutboxClaims.Written(u.claim(), u.guid())));
            Set<Long> marked;
            try {
                marked = batches.written(notes);
            } catch (RuntimeException e) {
                batch.forEach(u -> notRecorded(u, e));
                return;
            }
            for (Unmarked u : batch) {
                recorded(u, marked.contains(u.claim().id()));
            }
        } finally {
            batch.forEach(u -> inFlight.done(u.claim().id()));
        }
    }

    private void recorded(Unmarked u, boolean marked) {
        long id = u.claim().id();
        DeliveryTarget t = u.target();
        try {
            if (!marked && !claims.deliveredAs(id, u.guid())) {
                LOG.warn("note written but the item's claim was lost (its lease ran out), its new holder finds the"
                        + " note by its marker trigger_id={} user_id={} outbox_id={} note_guid={}", t.triggerId(),
                        t.userId(), id, u.guid());
                return;
            }
        } catch (RuntimeException e) {
            notRecorded(u, e);
            return;
        }
        unrecorded.remove(id);
        outcomes.note(NoteOutcome.WRITTEN);
        LOG.debug("note written trigger_id={} user_id={} outbox_id={} note_guid={} title=\"{}\"", t.triggerId(),
                t.userId(), id, u.guid(), u.title());
    }

    private void notRecorded(Unmarked u, RuntimeException e) {
        long id = u.claim().id();
        DeliveryTarget t = u.target();
        unrecorded.put(id, u.guid());
        LOG.error("note written but not recorded yet, it will be recorded on the next attempt trigger_id={}"
                + " user_id={} outbox_id={} note_guid={} error=\"{}\"", t.triggerId(), t.userId(), id, u.guid(),
                e.getMessage());
        try {
            claims.reschedule(u.claim(), u.at(), "note " + u.guid() + " written but not recorded: " + e.getMessage(),
                    true);
        } catch (RuntimeException again) {
            // The lease stays: the sweeper releases the item as interrupted (ambiguous) once it is out of flight.
            LOG.debug("reschedule failed too outbox_id={} error=\"{}\"", id, again.getMessage());
        }
    }
}
