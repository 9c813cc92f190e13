package org.triggerhappy.camel.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.TriggerQueries;

/**
 * The bean of the example flow {@code routes/flow-enex-archive.xml}: keeps a copy of every new entry, as the note
 * it becomes, in ENEX files (one per notebook) next to whatever the main sink does.
 */
public final class EnexArchiveFlow {
    private final TriggerQueries triggers;
    private final NoteComposer composer;
    private final Path dir;
    private volatile EnexWriter writer;

    public EnexArchiveFlow(TriggerQueries triggers, NoteComposer composer, Path dir) {
        this.triggers = triggers;
        this.composer = composer;
        this.dir = dir;
    }

    /** Archives one {@link EntryMessage}; returns the file it went to. */
    public String archive(Map<String, Object> entry) {
        int triggerId = ((Number) entry.get(EntryMessage.TRIGGER_ID)).intValue();
        Optional<DeliveryTarget> target = triggers.target(triggerId);
        String published = (String) entry.get("published");
        NoteDraft draft = composer.compose(new NoteSource((String) entry.get("title"), (String) entry.get("link"),
                (String) entry.get("content"), published == null ? null : Instant.parse(published),
                target.map(DeliveryTarget::notebook).orElse(""), target.map(DeliveryTarget::tags).orElse(""),
                target.map(t -> t.feedLabel((String) entry.get("feedUrl"))).orElse(null)));
        return writer().append(draft).toString();
    }

    /** Created on first use so that a disabled flow never creates its folder. */
    private EnexWriter writer() {
        EnexWriter w = writer;
        if (w == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = new EnexWriter(dir);
                }
                w = writer;
            }
        }
        return w;
    }
}
