package org.triggerhappy.camel.pipeline;

import org.triggerhappy.camel.evernote.UploadAllowance;

import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.persistence.DeliveryTarget;

/** Where notes go: Evernote, or ENEX files (TH_SINK). */
public interface NoteSink {

    /**
     * Writes the note and returns its id (Evernote guid, or where the ENEX copy went).
     *
     * @param reconcile an earlier attempt may have created the note already: look for it before creating one
     */
    String write(DeliveryTarget target, NoteDraft draft, boolean reconcile) throws EvernoteFailure;

    /** What the target's account may still upload; empty when the sink has no such limit. */
    default java.util.Optional<UploadAllowance> uploadAllowance(DeliveryTarget target) throws EvernoteFailure {
        return java.util.Optional.empty();
    }

    /** Whether the sink talks to Evernote: only then do tokens, rate limits and paused users matter. */
    default boolean usesEvernoteAccount() {
        return true;
    }
}
