package org.triggerhappy.camel.evernote;

import org.triggerhappy.camel.notes.NoteDraft;

import java.util.List;

/** Valid drafts for gateway tests. */
final class TestDrafts {

    static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\">";

    private TestDrafts() {
    }

    static String enml(String body) {
        return HEADER + "\n<en-note>" + body + "</en-note>";
    }

    static NoteDraft draft(String title, String sourceUrl, String notebook, String... tags) {
        return new NoteDraft(title, enml("<p>" + title + "</p>"), sourceUrl, null, notebook, List.of(tags));
    }
}
