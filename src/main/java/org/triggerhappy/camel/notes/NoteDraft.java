package org.triggerhappy.camel.notes;

import java.time.Instant;
import java.util.List;

/**
 * A note ready to be written to a sink (Evernote or ENEX). Every field already respects EDAM limits.
 *
 * @param title     1–255 code points, matches EDAM_NOTE_TITLE_REGEX
 * @param enml      complete ENML document (XML prolog, DOCTYPE, en-note), DTD-valid
 * @param sourceUrl entry link (≤ 4096 chars) or null
 * @param created   entry date or null (the sink then lets the service pick "now")
 * @param notebook  notebook name (EDAM-valid) or null for the default notebook
 * @param tags      tag names (EDAM-valid, ≤ 100, distinct case-insensitively)
 */
public record NoteDraft(String title, String enml, String sourceUrl, Instant created, String notebook, List<String> tags) {
    public NoteDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
