package org.triggerhappy.camel.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.OutboxClaim;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.persistence.OutboxItem;

/**
 * One claimed item's attempt at its note: held back while its user is paused, composed with its images as the
 * trigger and the account's upload allowance say, the account's updateCount stored on the item before its first
 * createNote (so that after an ambiguous failure, in this process or another, the note is looked for exactly among
 * the notes changed since), and written, as escaped plain text if Evernote rejects the markup. A written note waits
 * for the turn's record ({@link WrittenNotes}); one that is not is left to {@link DeliveryPauses}.
 */
final class DeliveryAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempt.class);

    private final NoteComposer composer;
    private final NoteSink sink;
    private final ClaimedOutbox claims;
    private final UploadBudgets budgets;
    private final DeliveryPauses pauses;
    private final WrittenNotes written;
    private final Clock clock;
    private final ImageMode defaultImages;

    DeliveryAttempt(NoteComposer composer, NoteSink sink, ClaimedOutbox claims, UploadBudgets budgets,
                    DeliveryPauses pauses, WrittenNotes written, Clock clock, ImageMode defaultImages) {
        this.composer = composer;
        this.sink = sink;
        this.claims = claims;
        this.budgets = budgets;
        this.pauses = pauses;
        this.written = written;
        this.clock = clock;
        this.defaultImages = defaultImages;
    }

    /** @return whether a note was written (or found written) whose record waits for the turn's batch */
    boolean run(DeliveryTurn turn, Claimed claimed, long startByNanos) {
        OutboxItem item = claimed.item();
        OutboxClaim claim = claimed.claim();
        Optional<DeliveryTarget> target = claimed.target();
        if (target.isEmpty()) {
            pauses.parkOrphan(claimed);
            return false;
        }
        DeliveryTarget t = target.get();
        Instant now = clock.instant();
        String known = written.unrecorded(item.id());
        if (known != null) {
            written.add(turn, claim, t, known, item.title(), now);
            return true;
        }
        if (sink.usesEvernoteAccount()) {
            if (pauses.holdsBack(claim, t, turn.pause.or(claimed::pause), now)) {
                return false;
            }
            if (t.token() == null || t.token().isBlank()) {
                pauses.pauseForAuth(turn, claim, t, now, "no Evernote token for this user: connect Evernote in"
                        + " django-th or run 'tokens set'");
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
            pauses.failed(turn, claimed, t, now, f);
            return false;
        } catch (RuntimeException e) {
            // Unclassified: the request may have reached Evernote, so the next attempt looks for the note first.
            pauses.retryLater(claimed, t, now, "note writing failed: " + e.getMessage(), true);
            return false;
        }
        budgets.spent(t.userId(), draft.sizeBytes());
        written.add(turn, claim, t, guid, draft.title(), now);
        return true;
    }

    /**
     * Stores the account's updateCount on the item before its first createNote (asked once per lane turn; the items
     * claimed later in the turn got it with their claim), and on the other items of its claim that lack one, in one
     * statement. False when the item's claim was lost.
     */
    private boolean rememberSyncBaseline(Claimed claimed, DeliveryTarget t, DeliveryTurn turn) throws EvernoteFailure {
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
            boolean sameAccount = c.target().map(ct -> Objects.equals(ct.token(), t.token())).orElse(false);
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
}
