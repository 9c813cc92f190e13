package org.triggerhappy.camel.notes;

import java.time.Instant;
import java.util.List;

/**
 * A note ready to be written to a sink (Evernote or ENEX). Every field already respects EDAM limits.
 *
 * @param title            1–255 code points, matches EDAM_NOTE_TITLE_REGEX
 * @param enml             complete ENML document (XML prolog, DOCTYPE, en-note), DTD-valid
 * @param sourceUrl        entry link (≤ 4096 chars) or null
 * @param created          entry date or null (the sink then lets the service pick "now")
 * @param notebook         notebook name (EDAM-valid) or null for the default notebook
 * @param tags             tag names (EDAM-valid, ≤ 100, distinct case-insensitively)
 * @param resources        images stored in the note: each is referenced by an en-media of the ENML, and every
 *                         en-media references one of them
 * @param imagesOverBudget true when images could have been embedded but the account's remaining upload allowance
 *                         was too small, so the note keeps remote images
 */
public record NoteDraft(String title, String enml, String sourceUrl, Instant created, String notebook, List<String> tags,
                        List<NoteResource> resources, boolean imagesOverBudget) {
    public NoteDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A note without images stored inside. */
    public NoteDraft(String title, String enml, String sourceUrl, Instant created, String notebook, List<String> tags) {
        this(title, enml, sourceUrl, created, notebook, tags, List.of(), false);
    }

    /** Bytes this note costs: ENML in UTF-8 plus every resource body (Evernote's note size and upload count). */
    public long sizeBytes() {
        long size = XmlText.utf8Length(enml);
        for (NoteResource r : resources) {
            size += r.data().length;
        }
        return size;
    }
}
