package org.triggerhappy.camel.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.OutboxClaims;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;

/**
 * Turns outbox items into notes. The outbox row is the truth: the item is claimed (leased) first, marked delivered
 * only after the sink returned the note's id, and otherwise rescheduled or parked with its reason, so nothing is
 * lost and a crash at any point leads to at most a reconciled retry. Every update after the claim is fenced by it
 * ({@link ClaimedOutbox}), and createNote starts only while the lease outlasts the call's deadline, so a delivery
 * that outlived its lease changes nothing. Deliveries of one user run one at a time (Evernote's limits are per
 * user); different users go on in parallel. This class claims a lane's items in batches and hands each to
 * {@link DeliveryAttempt}; {@link WrittenNotes} records the notes, {@link DeliveryPauses} what cannot be written now.
 */
public final class NoteDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(NoteDelivery.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** Kept between the end of createNote's deadline and the end of the lease (the claim's round trip, clocks). */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** Items of a lane claimed in one statement at most (each then waits for the ones before it). */
    static final int CLAIM_BATCH = 20;

    private final OutboxClaims batches;
    private final ClaimedOutbox claims;
    private final InFlight inFlight;
    private final String owner;
    private final long createWindowNanos;
    private final WrittenNotes written;
    private final DeliveryAttempt attempt;
    private final UserLanes<DeliveryTurn> lanes;

    public NoteDelivery(OutboxRepository outbox, OutboxClaims batches, ClaimedOutbox claims,
                        TriggerRepository djangoTh, UserPauseRepository pauses, NoteComposer composer,
                        NoteSink sink, InFlight inFlight, Clock clock, String owner, ImageMode defaultImages,
                        Outcomes outcomes) {
        this.batches = batches;
        this.claims = claims;
        this.inFlight = inFlight;
        this.owner = owner;
        Duration window = LEASE.minus(LEASE_MARGIN).minus(sink.callDeadline());
        if (window.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new IllegalArgumentException("an Evernote call's deadline (" + sink.callDeadline()
                    + ") must be well shorter than the delivery lease (" + LEASE + ")");
        }
        this.createWindowNanos = window.toNanos();
        UploadBudgets budgets = new UploadBudgets(sink);
        this.written = new WrittenNotes(batches, claims, inFlight, outcomes);
        this.attempt = new DeliveryAttempt(composer, sink, claims, budgets,
                new DeliveryPauses(outbox, claims, djangoTh, pauses, budgets, outcomes), written, clock, defaultImages);
        this.lanes = new UserLanes<>(DeliveryTurn::new, written::record, CLAIM_BATCH);
    }

    /** Called by the delivery route with an {@link EntryMessage} (full or reference). */
    public void deliver(Map<String, Object> message) {
        lanes.submit(EntryMessage.userId(message), EntryMessage.outboxId(message), this::deliverSome);
    }

    /** A few items of one user's lane: claimed in one statement, then delivered one after the other. */
    private void deliverSome(DeliveryTurn turn, List<Long> handedOver) {
        // An item handed over twice (by its poll and by a sweep that saw it a moment earlier) is one delivery.
        List<Long> ids = new ArrayList<>(handedOver.size());
        Set<Long> seen = new HashSet<>();
        for (Long id : handedOver) {
            if (seen.add(id)) {
                ids.add(id);
            } else {
                inFlight.done(id);
            }
        }
        long claimedAt = System.nanoTime(); // before the claim: the leases are counted from no earlier than this
        long startByNanos = claimedAt + createWindowNanos;
        try {
            turn.claimed = batches.claim(ids, owner, LEASE, turn.updateCount);
        } catch (RuntimeException e) {
            // Database trouble: the items stay pending; the sweeper brings them back (releasing leases left behind).
            LOG.error("delivery interrupted, the notes stay queued outbox_ids={} error=\"{}\"", ids, e.getMessage(), e);
            ids.forEach(inFlight::done);
            return;
        }
        Set<Long> taken = new HashSet<>();
        turn.claimed.forEach(c -> taken.add(c.item().id()));
        ids.stream().filter(id -> !taken.contains(id)).forEach(inFlight::done);
        for (Claimed claimed : turn.claimed) {
            deliverOne(turn, claimed, startByNanos);
            written.recordIfDue(turn);
        }
    }

    private void deliverOne(DeliveryTurn turn, Claimed claimed, long startByNanos) {
        long id = claimed.item().id();
        boolean handedOn = false;
        try {
            if (System.nanoTime() - startByNanos > 0) {
                // Its turn came too late in the lease for a createNote: back to the lane, claimed afresh there.
                if (claims.release(claimed.claim())) {
                    lanes.submit(claimed.item().userId(), id, this::deliverSome);
                    handedOn = true;
                }
                return;
            }
            handedOn = attempt.run(turn, claimed, startByNanos);
        } catch (RuntimeException e) {
            // Database trouble: the item stays pending; the sweeper brings it back (releasing a lease left behind).
            LOG.error("delivery interrupted, the note stays queued outbox_id={} error=\"{}\"", id, e.getMessage(), e);
        } finally {
            if (!handedOn) {
                inFlight.done(id); // else when its record is written: until then the sweeper leaves its lease alone
            }
        }
    }
}
