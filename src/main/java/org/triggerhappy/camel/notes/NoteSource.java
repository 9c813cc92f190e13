package org.triggerhappy.camel.notes;

import java.time.Instant;

/**
 * Raw material for one note, as it comes from the feed entry and from django-th's tables (nothing cleaned yet).
 *
 * @param title       entry title, may hold markup/entities; may be null
 * @param link        entry link; used as base URL, footer link and sourceURL; may be null
 * @param html        entry content HTML; may be null
 * @param published   entry date; may be null
 * @param notebook    th_evernote notebook name; '' or null = default notebook
 * @param tags        th_evernote comma-separated tags; may be null
 * @param footerLabel what the footer credits (e.g. the trigger's description); may be null
 */
public record NoteSource(String title, String link, String html, Instant published, String notebook, String tags,
        String footerLabel) {
}
