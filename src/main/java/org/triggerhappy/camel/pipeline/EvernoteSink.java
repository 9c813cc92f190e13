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
 * Writes notes with the official SDK. After an ambiguous failure (the request may have reached Evernote) it first
 * looks for the earlier note by its source URL; a token that may not search gets a possible duplicate rather than a
 * lost entry, and the log says so.
 */
public final class EvernoteSink implements NoteSink {
    private static final Logger LOG = LoggerFactory.getLogger(EvernoteSink.class);

    private final EvernoteGateway gateway;

    public EvernoteSink(EvernoteGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String write(DeliveryTarget target, NoteDraft draft, boolean reconcile) throws EvernoteFailure {
        if (reconcile && draft.sourceUrl() != null) {
            try {
                Optional<String> earlier = gateway.findBySourceUrl(target.token(), draft);
                if (earlier.isPresent()) {
                    LOG.info("note found from an earlier attempt trigger_id={} user_id={} note_guid={}",
                            target.triggerId(), target.userId(), earlier.get());
                    return earlier.get();
                }
            } catch (EvernoteFailure e) {
                if (e.kind() != EvernoteFailure.Kind.PERMISSION_DENIED) {
                    throw e;
                }
                LOG.warn("cannot check for an earlier copy of the note: the token may not search notes; creating it"
                        + " (a duplicate is possible) trigger_id={} user_id={}", target.triggerId(), target.userId());
            }
        }
        return gateway.createNote(target.token(), draft);
    }

    @Override
    public Optional<UploadAllowance> uploadAllowance(DeliveryTarget target) throws EvernoteFailure {
        return Optional.of(gateway.uploadAllowance(target.token()));
    }
}
