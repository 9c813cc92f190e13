package org.triggerhappy.camel.pipeline;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.evernote.EvernoteGateway;
import org.triggerhappy.camel.evernote.UploadAllowance;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.persistence.DeliveryTarget;

/**
 * Writes notes with the official SDK, each carrying its outbox item's marker. After an ambiguous failure (the request
 * may have reached Evernote) it first looks for the earlier note: exactly, by the marker among the notes changed since
 * the updateCount remembered before the first createNote (the sync API, consistent at once). Only where the account
 * refuses the sync call, or no count was remembered, it falls back to a search by source URL, a weaker check (the
 * search index lags behind, and entries may share a link or have none), and the log says so.
 */
public final class EvernoteSink implements NoteSink {
    private static final Logger LOG = LoggerFactory.getLogger(EvernoteSink.class);

    private final EvernoteGateway gateway;

    public EvernoteSink(EvernoteGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String write(DeliveryTarget target, NoteDraft draft, NoteAttempt attempt) throws EvernoteFailure {
        if (attempt.reconcile()) {
            Optional<String> earlier = earlier(target, draft, attempt);
            if (earlier.isPresent()) {
                LOG.info("note found from an earlier attempt trigger_id={} user_id={} note_guid={}",
                        target.triggerId(), target.userId(), earlier.get());
                return earlier.get();
            }
        }
        return gateway.createNote(target.token(), draft, attempt.marker(), attempt.startByNanos());
    }

    private Optional<String> earlier(DeliveryTarget target, NoteDraft draft, NoteAttempt attempt)
            throws EvernoteFailure {
        if (attempt.syncBaseline() != null) {
            try {
                return gateway.findByMarker(target.token(), attempt.marker(), attempt.syncBaseline());
            } catch (EvernoteFailure e) {
                if (e.kind() != EvernoteFailure.Kind.PERMISSION_DENIED) {
                    throw e;
                }
                LOG.warn("the account refuses the sync call; looking for an earlier copy of the note by its link"
                        + " instead, a weaker check trigger_id={} user_id={}", target.triggerId(), target.userId());
            }
        } else {
            LOG.warn("no sync state remembered for this note; looking for an earlier copy by its link, a weaker"
                    + " check trigger_id={} user_id={}", target.triggerId(), target.userId());
        }
        if (draft.sourceUrl() == null) {
            return Optional.empty();
        }
        try {
            return gateway.findBySourceUrl(target.token(), draft);
        } catch (EvernoteFailure e) {
            // PERMANENT: a link too long to search for; waiting would not change that either
            if (e.kind() != EvernoteFailure.Kind.PERMISSION_DENIED && e.kind() != EvernoteFailure.Kind.PERMANENT) {
                throw e;
            }
            LOG.warn("cannot check for an earlier copy of the note: the token may not search notes, or the link"
                    + " cannot be searched for; creating it (a duplicate is possible) trigger_id={} user_id={}"
                    + " error=\"{}\"", target.triggerId(), target.userId(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Integer> syncBaseline(DeliveryTarget target) throws EvernoteFailure {
        try {
            return Optional.of(gateway.updateCount(target.token()));
        } catch (EvernoteFailure e) {
            if (e.kind() != EvernoteFailure.Kind.PERMISSION_DENIED) {
                throw e;
            }
            LOG.warn("the account refuses the sync call; an interrupted note will be looked up by its link, a weaker"
                    + " check user_id={}", target.userId());
            return Optional.empty();
        }
    }

    @Override
    public java.time.Duration callDeadline() {
        return gateway.callDeadline();
    }

    @Override
    public Optional<UploadAllowance> uploadAllowance(DeliveryTarget target) throws EvernoteFailure {
        return Optional.of(gateway.uploadAllowance(target.token()));
    }
}
