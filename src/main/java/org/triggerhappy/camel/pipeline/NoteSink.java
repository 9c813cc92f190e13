package org.triggerhappy.camel.pipeline;

import java.util.Optional;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.evernote.UploadAllowance;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.persistence.DeliveryTarget;

/** Where notes go: Evernote, or ENEX files (TH_SINK). */
public interface NoteSink {

    /** Writes the note and returns its id (Evernote guid, or where the ENEX copy went). */
    String write(DeliveryTarget target, NoteDraft draft, NoteAttempt attempt) throws EvernoteFailure;

    /**
     * The account's updateCount, to remember before a createNote whose outcome could be lost; empty when the sink
     * cannot reconcile that way (ENEX, or an account that refuses the sync call).
     */
    default Optional<Integer> syncBaseline(DeliveryTarget target) throws EvernoteFailure {
        return Optional.empty();
    }

    /** What the target's account may still upload; empty when the sink has no such limit. */
    default Optional<UploadAllowance> uploadAllowance(DeliveryTarget target) throws EvernoteFailure {
        return Optional.empty();
    }

    /** The longest one call to the sink's service may take (zero: no remote calls). */
    default java.time.Duration callDeadline() {
        return java.time.Duration.ZERO;
    }

    /** Whether the sink talks to Evernote: only then do tokens, rate limits and paused users matter. */
    default boolean usesEvernoteAccount() {
        return true;
    }
}
