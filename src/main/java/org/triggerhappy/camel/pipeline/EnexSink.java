package org.triggerhappy.camel.pipeline;

import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.persistence.DeliveryTarget;

/** Writes notes into ENEX files, one per notebook, for importing into Evernote by hand (TH_SINK=enex). */
public final class EnexSink implements NoteSink {
    private final EnexWriter writer;

    public EnexSink(EnexWriter writer) {
        this.writer = writer;
    }

    @Override
    public String write(DeliveryTarget target, NoteDraft draft, NoteAttempt attempt) {
        // An I/O failure surfaces as a runtime exception: the delivery reschedules the item.
        return "enex:" + writer.append(draft).getFileName();
    }

    @Override
    public boolean usesEvernoteAccount() {
        return false;
    }
}
