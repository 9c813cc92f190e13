package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.entries.Hashes;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.OutboxClaim;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.persistence.OutboxItem;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository.Kind;
import org.triggerhappy.camel.persistence.UserPauseRepository.Pause;

/**
 * What becomes of a note that cannot be written now, so that it waits rather than is lost: a user paused by Evernote
 * (rate limit, upload allowance, expired token) holds back all of the user's notes, persisted, until the pause ends
 * or the token changes; temporary trouble is tried again after a growing back-off, never given up; a note that
 * waiting cannot help is parked with its reason. Each reason also goes to the trigger's result in django-th.
 */
final class DeliveryPauses {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPauses.class);
    /** Parked for an expired token: looked at again when the token changes (the sweeper checks) or after this. */
    private static final Duration AUTH_RECHECK = Duration.ofDays(3650);
    /** After QUOTA_REACHED when the service does not say when the upload period ends. */
    private static final Duration QUOTA_RECHECK = Duration.ofDays(1);
    /** Longest wait between two attempts of a note that meets temporary trouble. */
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final OutboxRepository outbox;
    private final ClaimedOutbox claims;
    private final TriggerRepository djangoTh;
    private final UserPauseRepository pauses;
    private final UploadBudgets budgets;
    private final Outcomes outcomes;

    DeliveryPauses(OutboxRepository outbox, ClaimedOutbox claims, TriggerRepository djangoTh,
                   UserPauseRepository pauses, UploadBudgets budgets, Outcomes outcomes) {
        this.outbox = outbox;
        this.claims = claims;
        this.djangoTh = djangoTh;
        this.pauses = pauses;
        this.budgets = budgets;
        this.outcomes = outcomes;
    }

    /**
     * Whether the user's pause holds the item back (then it is rescheduled to the pause's end); a pause that is
     * over (its time passed, or the token it was for changed) is cleared.
     */
    boolean holdsBack(OutboxClaim claim, DeliveryTarget t, Optional<Pause> pause, Instant now) {
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

    /** Evernote did not take the note: the user paused, the note retried later or parked, as the failure says. */
    void failed(DeliveryTurn turn, Claimed claimed, DeliveryTarget t, Instant now, EvernoteFailure f) {
        OutboxClaim claim = claimed.claim();
        switch (f.kind()) {
            case RATE_LIMITED -> {
                int seconds = f.rateLimitSeconds().orElse(3600);
                Instant until = now.plusSeconds(seconds);
                String reason = "Evernote rate limit reached: notes resume after " + until;
                pause(turn, claim, t, new Pause(t.userId(), Kind.RATE_LIMIT, until, null, reason), until,
                        NoteOutcome.RATE_LIMITED);
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
                    outcomes.note(NoteOutcome.PARKED);
                    djangoTh.noteFailed(t, reason);
                }
                LOG.error("note parked trigger_id={} user_id={} outbox_id={} error=\"{}\"", t.triggerId(),
                        t.userId(), claim.id(), reason);
            }
        }
    }

    /** The item's trigger is gone: nothing can deliver its note. */
    void parkOrphan(Claimed claimed) {
        OutboxItem item = claimed.item();
        if (claims.park(claimed.claim(), "the trigger no longer exists")) {
            outcomes.note(NoteOutcome.PARKED);
        }
        LOG.warn("note parked outbox_id={} trigger_id={} error=\"the trigger no longer exists\"", item.id(),
                item.triggerId());
    }

    /** No usable token: the user's notes wait until the token changes. */
    void pauseForAuth(DeliveryTurn turn, OutboxClaim claim, DeliveryTarget t, Instant now, String reason) {
        pause(turn, claim, t, new Pause(t.userId(), Kind.AUTH, null, tokenHash(t), reason), now.plus(AUTH_RECHECK),
                NoteOutcome.AUTH_PAUSED);
        LOG.warn("deliveries paused user_id={} trigger_id={} reason=\"{}\"", t.userId(), t.triggerId(), reason);
    }

    /**
     * QUOTA_REACHED: nothing more can be uploaded to the account until its upload period ends; its notes wait until
     * then (persisted, like the rate-limit pause) and resume by themselves. Other users go on.
     */
    private void pauseForQuota(DeliveryTurn turn, OutboxClaim claim, DeliveryTarget t, Instant now) {
        Instant until = budgets.periodEnd(t, now).filter(end -> end.isAfter(now)).orElse(now.plus(QUOTA_RECHECK));
        String reason = "Evernote upload allowance used up: notes resume after " + until;
        pause(turn, claim, t, new Pause(t.userId(), Kind.QUOTA, until, null, reason), until, NoteOutcome.QUOTA_PAUSED);
        LOG.warn("deliveries paused user_id={} trigger_id={} until={} reason=\"{}\"", t.userId(), t.triggerId(),
                until, reason);
    }

    /** The user paused, stored; the item and the user's other pending notes wait until {@code resumeAt}. */
    private void pause(DeliveryTurn turn, OutboxClaim claim, DeliveryTarget t, Pause p, Instant resumeAt,
                       NoteOutcome outcome) {
        outcomes.note(outcome);
        pauses.pause(p.userId(), p.kind(), p.until(), p.tokenHash(), p.reason());
        turn.pause = Optional.of(p);
        claims.reschedule(claim, resumeAt, p.reason(), false);
        outbox.delayUser(t.userId(), resumeAt);
        djangoTh.noteFailed(t, p.reason());
    }

    /** Temporary trouble: tried again after a growing back-off, the reason on the item and the trigger's result. */
    void retryLater(Claimed claimed, DeliveryTarget t, Instant now, String reason, boolean ambiguous) {
        OutboxItem item = claimed.item();
        outcomes.note(NoteOutcome.RETRY);
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
