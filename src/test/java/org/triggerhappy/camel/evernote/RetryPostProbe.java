package org.triggerhappy.camel.evernote;

import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.type.Note;
import org.triggerhappy.camel.testsupport.FakeEvernote;

import java.time.Duration;

/**
 * Run in a fresh JVM without -Dsun.net.http.retryPost (see EvernoteClientsTest): a createNote whose connection drops
 * after the store must fail and leave exactly one note. Prints {@code notes=N calls=N}.
 */
public final class RetryPostProbe {

    private RetryPostProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeEvernote fake = new FakeEvernote()) {
            fake.addAccount("probe-token", "probe");
            fake.failNext("createNote", FakeEvernote.Fault.dropConnectionAfterStore());
            EvernoteClients clients = new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            NoteStore.Client store = clients.noteStore(fake.baseUrl() + FakeEvernote.NOTE_STORE_PATH);
            Note note = new Note();
            note.setTitle("probe");
            note.setContent(TestDrafts.enml(""));
            try {
                store.createNote("probe-token", note);
            } catch (Exception expected) {
                // the drop must surface as an exception
            }
            System.out.println("notes=" + fake.notes("probe-token").size() + " calls=" + fake.calls("createNote"));
        }
    }
}
