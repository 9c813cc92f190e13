package org.triggerhappy.camel.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.entries.Hashes;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.ops.ServiceMetrics;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.OutboxClaim;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.persistence.OutboxClaims;
import org.triggerhappy.camel.persistence.OutboxItem;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository.Kind;
import org.triggerhappy.camel.persistence.UserPauseRepository.Pause;
import org.triggerhappy.camel.persistence.UserPauseRepository;

/**
 * Turns one outbox item into a note. The outbox row is the truth: the item is claimed (leased) first, marked
 * delivered only after the sink returned the note's id, and otherwise rescheduled or parked with its reason, so
 * nothing is lost and a crash at any point leads to at most a reconciled retry. Every update after the claim is
 * fenced by it ({@link ClaimedOutbox}), and createNote starts only while the lease outlasts the call's deadline, so
 * a delivery that outlived its lease changes nothing. Before the first createNote of an item, the account's
 * updateCount is stored on its row (asked once per user-lane turn), so that after an ambiguous failure, in this
 * process or another, the note is looked for exactly among the notes changed since. Deliveries of one user run one
 * at a time (Evernote's limits are per user); different users go on in parallel. The notes a lane's turn wrote are
 * recorded together (at the end of the turn, or every {@link #MARK_BATCH} notes or {@link #MARK_DELAY}): until then
 * their items stay claimed and in flight, and a crash meanwhile leaves them to the next holder, which finds each
 * note by its marker instead of writing it again.
 */
public final class NoteDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(NoteDelivery.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** Kept between the end of createNote's deadline and the end of the lease (the claim's round trip, clocks). */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** Parked for an expired token: looked at again when the token changes (the sweeper checks) or after this. */
    private static final Duration AUTH_RECHECK = Duration.ofDays(3650);
    /** After QUOTA_REACHED when the service does not say when the upload period ends. */
    private static final Duration QUOTA_RECHECK = Duration.ofDays(1);
    /** Longest wait between two attempts of a note that meets temporary trouble. */
    static final Duration MAX_BACKOFF = Duration.ofHours(6);
    /** Items of a lane claimed in one statement at most (each then waits for the ones before it). */
    static final int CLAIM_BATCH = 20;
    /** Notes of one turn recorded in one statement at most. */
    static final int MARK_BATCH = 50;
    /** Longest a written note waits for its record while its turn goes on (well inside the lease). */
    static final Duration MARK_DELAY = Duration.ofSeconds(5);

    private final OutboxRepository outbox;
    private final OutboxClaims records;
    private final ClaimedOutbox claims;
    private final TriggerRepository djangoTh;
    private final UserPauseRepository pauses;
    private final NoteComposer composer;
    private final NoteSink sink;
    private final InFlight inFlight;
    private final Clock clock;
    private final String owner;
    private final ImageMode defaultImages;
    private final UploadBudgets budgets;
    private final long createWindowNanos;
    private final UserLanes<Turn> lanes = new UserLanes<>(Turn::new, this::endTurn, CLAIM_BATCH);
    /** Notes Evernote confirmed whose delivery the database did not take: outbox id to note guid. */
    private final Map<Long, String> unrecorded = new ConcurrentHashMap<>();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private ServiceMetrics metrics = ServiceMetrics.none();

    /**
     * One turn of a user's lane: what it knows of the account's sync state, the items it claimed last (together),
     * which of them have their sync baseline stored, and its notes not recorded yet.
     */
    private static final class Turn {
        boolean asked;
        Integer updateCount;
        List<Claimed> claimed = List.of();
        /** A pause this turn met: the rest of its claimed items wait too, without asking Evernote again. */
        Optional<Pause> pause = Optional.empty();
        final Set<Long> baselined = new HashSet<>();
        final List<Unmarked> unmarked = new ArrayList<>();
        long firstUnmarkedNanos;
    }

    /** A note Evernote confirmed whose item is not marked delivered yet. */
    private record Unmarked(OutboxClaim claim, DeliveryTarget target, String guid, String title, Instant at) {
    }

    public NoteDelivery(OutboxRepository outbox, OutboxClaims records, ClaimedOutbox claims,
                        TriggerRepository djangoTh, UserPauseRepository pauses, NoteComposer composer,
                        NoteSink sink, InFlight inFlight, Clock clock, String owner, ImageMode defaultImages) {
        this.outbox = outbox;
        this.records = records;
        this.claims = claims;
        this.djangoTh = djangoTh;
        this.pauses = pauses;
        this.composer = composer;
        this.sink = sink;
        this.inFlight = inFlight;
        this.clock = clock;
        this.owner = owner;
        this.defaultImages = defaultImages;
        this.budgets = new UploadBudgets(sink);
        Duration window = LEASE.minus(LEASE_MARGIN).minus(sink.callDeadline());
        if (window.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new IllegalArgumentException("an Evernote call's deadline (" + sink.callDeadline()
                    + ") must be well shorter than the delivery lease (" + LEASE + ")");
        }
        this.createWindowNanos = window.toNanos();
    }

    /** Counts delivery outcomes into these metrics (set before the routes start). */
    public void instrument(ServiceMetrics m) {
        this.metrics = m;
    }

    /** Called by the delivery route with an {@link EntryMessage} (full or reference). */
    public void deliver(Map<String, Object> message) {
        lanes.submit(EntryMessage.userId(message), EntryMessage.outboxId(message), this::deliverSome);
    }

    /** A few items of one user's lane: claimed in one statement, then delivered one after the other. */
    private void deliverSome(Turn turn, List<Long> handedOver) {
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
            turn.claimed = records.claim(ids, owner, LEASE, turn.updateCount);
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
            if (turn.unmarked.size() >= MARK_BATCH || (!turn.unmarked.isEmpty()
                    && System.nanoTime() - turn.firstUnmarkedNanos > MARK_DELAY.toNanos())) {
                recordWritten(turn);
            }
        }
    }

    private void deliverOne(Turn turn, Claimed claimed, long startByNanos) {
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
            handedOn = deliverClaimed(claimed, turn, startByNanos);
        } catch (RuntimeException e) {
            // Database trouble: the item stays pending; the sweeper brings it back (releasing a lease left behind).
            LOG.error("delivery interrupted, the note stays queued outbox_id={} error=\"{}\"", id, e.getMessage(), e);
        } finally {
            if (!handedOn) {
                inFlight.done(id); // else when its record is written: until then the sweeper leaves its lease alone
            }
        }
    }

    private void endTurn(Turn turn) {
        recordWritten(turn);
    }

    /** @return whether a note was written (or found written) whose record waits for the turn's batch */
    private boolean deliverClaimed(Claimed claimed, Turn turn, long startByNanos) {
        OutboxItem item = claimed.item();
        OutboxClaim claim = claimed.claim();
        Optional<DeliveryTarget> target = claimed.target();
        if (target.isEmpty()) {
            if (claims.park(claim, "the trigger no longer exists")) {
                parked.incrementAndGet();
                metrics.note("parked");
            }
            LOG.warn("note parked outbox_id={} trigger_id={} error=\"the trigger no longer exists\"", item.id(), item.triggerId());
            return false;
        }
        DeliveryTarget t = target.get();
        Instant now = clock.instant();
        String known = unrecorded.get(item.id());
        if (known != null) {
            return toRecord(turn, claim, t, known, item.title(), now);
        }
        if (sink.usesEvernoteAccount()) {
            if (isPaused(claim, t, turn.pause.or(claimed::pause), now)) {
                return false;
            }
            if (t.token() == null || t.token().isBlank()) {
                pauseForAuth(turn, claim, t, now, "no Evernote token for this user: connect Evernote in django-th"
                        + " or run 'tokens set'");
                return false;
            }
        }
        NoteSource source = new NoteSource(item.title(), item.link(), item.content(), item.published(), t.notebook(),
                t.tags(), t.feedLabel(item.feedUrl()));
        NoteDraft draft = compose(source, t, now);
        NoteAttempt attempt = new NoteAttempt(NoteAttempt.marker(item.id(), item.entryKey()), item.ambiguous(),
                claimed.syncBaseline().orElse(null), startByNanos);
        String guid;
        try {
            if (claimed.syncBaseline().isEmpty() && !rememberSyncBaseline(claimed, t, turn)) {
                LOG.warn("delivery skipped, the item's claim was lost outbox_id={}", item.id());
                return false;
            }
            guid = writeWithFallback(t, draft, source, attempt);
        } catch (EvernoteFailure f) {
            handleFailure(turn, claimed, t, now, f);
            return false;
        } catch (RuntimeException e) {
            // Unclassified: the request may have reached Evernote, so the next attempt looks for the note first.
            retryLater(claimed, t, now, "note writing failed: " + e.getMessage(), true);
            return false;
        }
        budgets.spent(t.userId(), draft.sizeBytes());
        return toRecord(turn, claim, t, guid, draft.title(), now);
    }

    private boolean toRecord(Turn turn, OutboxClaim claim, DeliveryTarget t, String guid, String title, Instant now) {
        if (turn.unmarked.isEmpty()) {
            turn.firstUnmarkedNanos = System.nanoTime();
        }
        turn.unmarked.add(new Unmarked(claim, t, guid, title, now));
        return true;
    }

    /**
     * Stores the account's updateCount on the item before its first createNote (asked once per lane turn; the items
     * claimed later in the turn got it with their claim), and on the other items of its claim that lack one, in one
     * statement. False when the item's claim was lost.
     */
    private boolean rememberSyncBaseline(Claimed claimed, DeliveryTarget t, Turn turn) throws EvernoteFailure {
        long id = claimed.item().id();
        if (!sink.usesEvernoteAccount() || turn.baselined.contains(id)) {
            return true;
        }
        if (!turn.asked) {
            turn.updateCount = sink.syncBaseline(t).orElse(null);
            turn.asked = true;
        }
        if (turn.updateCount == null) {
            return true;
        }
        List<OutboxClaim> lacking = new ArrayList<>();
        for (Claimed c : turn.claimed) {
            boolean sameAccount = c.target().map(ct -> java.util.Objects.equals(ct.token(), t.token())).orElse(false);
            if (c.syncBaseline().isEmpty() && sameAccount && !turn.baselined.contains(c.item().id())) {
                lacking.add(c.claim());
            }
        }
        if (lacking.stream().noneMatch(c -> c.id() == id)) {
            lacking.add(claimed.claim());
        }
        turn.baselined.addAll(claims.rememberSyncBaselines(lacking, turn.updateCount));
        return turn.baselined.contains(id);
    }

    /** The note with its images embedded as the trigger's mode says and the account's upload allowance allows. */
    private NoteDraft compose(NoteSource source, DeliveryTarget t, Instant now) {
        ImageMode mode = t.images() != null ? t.images() : defaultImages;
        if (mode == ImageMode.LINK) {
            return composer.compose(source, ImageOptions.LINK);
        }
        long remaining = sink.usesEvernoteAccount() ? budgets.remaining(t, now) : Long.MAX_VALUE;
        NoteDraft draft = composer.compose(source, ImageOptions.embed(remaining));
        if (draft.imagesOverBudget() && budgets.firstWarning(t.userId())) {
            LOG.warn("Evernote upload allowance nearly used up: notes keep remote images until the period ends"
                    + " user_id={} trigger_id={} remaining_bytes={}", t.userId(), t.triggerId(), remaining);
        }
        return draft;
    }

    /**
     * The notes of the turn exist: record them, in one statement. If the database fails now, each guid is kept in
     * memory for the next attempt of this process, and each item is marked ambiguous so that after a restart the note
     * is looked up rather than rewritten. If an item's claim was lost meanwhile, nothing is recorded for it: its new
     * holder finds the note by its marker.
     */
    private void recordWritten(Turn turn) {
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
                marked = records.written(notes);
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
        written.incrementAndGet();
        metrics.note("written");
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

    private String writeWithFallback(DeliveryTarget t, NoteDraft draft, NoteSource source, NoteAttempt attempt)
            throws EvernoteFailure {
        try {
            return sink.write(t, draft, attempt);
        } catch (EvernoteFailure f) {
            if (f.kind() != EvernoteFailure.Kind.ENML_INVALID) {
                throw f;
            }
            // Evernote's validator is the final word: keep the entry as escaped plain text rather than lose it.
            LOG.warn("Evernote rejected the note's markup, sending it as plain text trigger_id={} error=\"{}\"",
                    t.triggerId(), f.detail());
            return sink.write(t, composer.plainTextFallback(draft, source), attempt.fresh());
        }
    }

    private boolean isPaused(OutboxClaim claim, DeliveryTarget t, Optional<Pause> pause, Instant now) {
        if (pause.isEmpty()) {
            return false;
        }
        Pause p = pause.get();
        if (p.kind() != Kind.AUTH) { // rate limit, upload allowance: until a time
            if (p.until() != null && p.until().isAfter(now)) {
                claims.reschedule(claim, p.until(), p.reason(), false);
                return true;
            }
            pauses.clear(t.userId());
            return false;
        }
        if (tokenHash(t).equals(p.tokenHash())) {
            claims.reschedule(claim, now.plus(AUTH_RECHECK), p.reason(), false);
            return true;
        }
        LOG.info("Evernote token changed, deliveries resume user_id={}", t.userId());
        pauses.clear(t.userId());
        outbox.releaseUser(t.userId());
        return false;
    }

    private void handleFailure(Turn turn, Claimed claimed, DeliveryTarget t, Instant now, EvernoteFailure f) {
        OutboxClaim claim = claimed.claim();
        switch (f.kind()) {
            case RATE_LIMITED -> {
                int seconds = f.rateLimitSeconds().orElse(3600);
                Instant until = now.plusSeconds(seconds);
                String reason = "Evernote rate limit reached: notes resume after " + until;
                deferred.incrementAndGet();
                metrics.note("rate_limited");
                pauses.pause(t.userId(), Kind.RATE_LIMIT, until, null, reason);
                turn.pause = Optional.of(new Pause(t.userId(), Kind.RATE_LIMIT, until, null, reason));
                claims.reschedule(claim, until, reason, false);
                outbox.delayUser(t.userId(), until);
                djangoTh.noteFailed(t, reason);
                LOG.warn("Evernote rate limit user_id={} trigger_id={} paused_seconds={}", t.userId(), t.triggerId(), seconds);
            }
            case AUTH_EXPIRED, INVALID_AUTH -> pauseForAuth(turn, claim, t, now, (f.kind() == EvernoteFailure.Kind.AUTH_EXPIRED
                    ? "Evernote token expired or revoked" : "Evernote token invalid")
                    + ": re-authorise Evernote in django-th (or run 'tokens set'); notes wait until then");
            case QUOTA -> pauseForQuota(turn, claim, t, now);
            case TRANSIENT -> retryLater(claimed, t, now, "Evernote unavailable: " + f.getMessage(), false);
            case PERMISSION_DENIED -> retryLater(claimed, t, now, "Evernote denied permission, retried in case it"
                    + " comes back: " + f.getMessage(), false);
            case AMBIGUOUS -> retryLater(claimed, t, now, "Evernote did not confirm the note: " + f.getMessage(), true);
            default -> { // PERMANENT, or ENML_INVALID even as plain text: waiting cannot help
                String reason = "note rejected by Evernote: " + f.getMessage();
                if (claims.park(claim, reason)) {
                    parked.incrementAndGet();
                    metrics.note("parked");
                    djangoTh.noteFailed(t, reason);
                }
                LOG.error("note parked trigger_id={} user_id={} outbox_id={} error=\"{}\"", t.triggerId(),
                        t.userId(), claim.id(), reason);
            }
        }
    }

    /** Notes written by this process since it started. */
    public int written() {
        return written.get();
    }

    /** Deliveries put off (rate limit, expired token, unavailable service) since start. */
    public int deferred() {
        return deferred.get();
    }

    /** Items parked for good (rejected by Evernote) since start. */
    public int parked() {
        return parked.get();
    }

    /**
     * QUOTA_REACHED: nothing more can be uploaded to the account until its upload period ends; its notes wait until
     * then (persisted, like the rate-limit pause) and resume by themselves. Other users go on.
     */
    private void pauseForQuota(Turn turn, OutboxClaim claim, DeliveryTarget t, Instant now) {
        Instant until = budgets.periodEnd(t, now).filter(end -> end.isAfter(now)).orElse(now.plus(QUOTA_RECHECK));
        String reason = "Evernote upload allowance used up: notes resume after " + until;
        deferred.incrementAndGet();
        metrics.note("quota_paused");
        pauses.pause(t.userId(), Kind.QUOTA, until, null, reason);
        turn.pause = Optional.of(new Pause(t.userId(), Kind.QUOTA, until, null, reason));
        claims.reschedule(claim, until, reason, false);
        outbox.delayUser(t.userId(), until);
        djangoTh.noteFailed(t, reason);
        LOG.warn("deliveries paused user_id={} trigger_id={} until={} reason=\"{}\"", t.userId(), t.triggerId(),
                until, reason);
    }

    private void pauseForAuth(Turn turn, OutboxClaim claim, DeliveryTarget t, Instant now, String reason) {
        deferred.incrementAndGet();
        metrics.note("auth_paused");
        Instant until = now.plus(AUTH_RECHECK);
        pauses.pause(t.userId(), Kind.AUTH, null, tokenHash(t), reason);
        turn.pause = Optional.of(new Pause(t.userId(), Kind.AUTH, null, tokenHash(t), reason));
        claims.reschedule(claim, until, reason, false);
        outbox.delayUser(t.userId(), until);
        djangoTh.noteFailed(t, reason);
        LOG.warn("deliveries paused user_id={} trigger_id={} reason=\"{}\"", t.userId(), t.triggerId(), reason);
    }

    /** Temporary trouble: tried again after a growing back-off, the reason on the item and the trigger's result. */
    private void retryLater(Claimed claimed, DeliveryTarget t, Instant now, String reason, boolean ambiguous) {
        OutboxItem item = claimed.item();
        deferred.incrementAndGet();
        metrics.note("retry");
        Instant next = now.plus(backoff(item.attempts()));
        if (!claims.reschedule(claimed.claim(), next, reason, ambiguous)) {
            LOG.warn("retry not scheduled, the item's claim was lost outbox_id={}", item.id());
            return;
        }
        djangoTh.noteFailed(t, reason);
        LOG.warn("note delivery will be retried trigger_id={} user_id={} outbox_id={} attempt={} next_try={} error=\"{}\"",
                t.triggerId(), t.userId(), item.id(), item.attempts(), next, reason);
    }

    /** 30 s, 1 min, 2 min … capped at {@link #MAX_BACKOFF}: never a tight loop, never given up. */
    static Duration backoff(int attempts) {
        int exp = Math.min(Math.max(attempts - 1, 0), 10);
        Duration d = Duration.ofSeconds(30L << exp);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static String tokenHash(DeliveryTarget t) {
        return Hashes.sha256Hex(t.token() == null ? "" : t.token());
    }
}
