package org.triggerhappy.camel.evernote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.testsupport.FakeEvernote;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.triggerhappy.camel.evernote.TestDrafts.draft;

/**
 * The note of an ambiguous createNote is found through the sync API by its marker, exactly and at once, while the
 * search index still lags: link-less notes and notes sharing a link included.
 */
class SyncReconcileTest {

    private static final String TOKEN = "S=s1:U=3ea:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=0123456789abcdef";
    private static final long AT_ONCE = EvernoteGateway.ANY_TIME;

    private FakeEvernote fake;
    private EvernoteGateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "alice");
        fake.setSearchLag(Duration.ofMinutes(10));
        gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_note_just_created_is_found_by_its_marker_while_the_search_index_does_not_show_it() throws Exception {
        NoteDraft item = draft("Item", "https://e.org/item", "Feeds");
        int before = gateway.updateCount(TOKEN);
        String guid = gateway.createNote(TOKEN, item, "17.abcdef0123456789", AT_ONCE);

        assertThat(gateway.findBySourceUrl(TOKEN, item)).as("the search index lags").isEmpty();
        assertThat(gateway.findByMarker(TOKEN, "17.abcdef0123456789", before)).contains(guid);
        assertThat(fake.notes(TOKEN)).singleElement().extracting(FakeEvernote.StoredNote::marker)
                .isEqualTo("17.abcdef0123456789");
    }

    @Test
    void entries_sharing_a_link_and_entries_without_one_are_told_apart() throws Exception {
        int before = gateway.updateCount(TOKEN);
        String first = gateway.createNote(TOKEN, draft("One", "https://e.org/same", null), "1.aa", AT_ONCE);
        String second = gateway.createNote(TOKEN, draft("Two", "https://e.org/same", null), "2.bb", AT_ONCE);
        String linkless = gateway.createNote(TOKEN, draft("Three", null, null), "3.cc", AT_ONCE);

        assertThat(gateway.findByMarker(TOKEN, "1.aa", before)).contains(first);
        assertThat(gateway.findByMarker(TOKEN, "2.bb", before)).contains(second);
        assertThat(gateway.findByMarker(TOKEN, "3.cc", before)).contains(linkless);
        assertThat(gateway.findByMarker(TOKEN, "4.dd", before)).as("never written").isEmpty();
    }

    @Test
    void only_notes_changed_after_the_count_are_listed_and_every_chunk_is_read() throws Exception {
        String old = gateway.createNote(TOKEN, draft("Old", null, null), "1.old", AT_ONCE);
        int before = gateway.updateCount(TOKEN);
        for (int i = 0; i < 230; i++) { // more than two chunks
            gateway.createNote(TOKEN, draft("N" + i, null, null), "n." + i, AT_ONCE);
        }

        assertThat(gateway.findByMarker(TOKEN, "1.old", before)).as("changed before the count").isEmpty();
        assertThat(gateway.findByMarker(TOKEN, "1.old", 0)).contains(old);
        assertThat(gateway.findByMarker(TOKEN, "n.229", before)).isPresent();
        assertThat(fake.calls("getFilteredSyncChunk")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void an_account_refusing_the_sync_call_is_permission_denied() throws Exception {
        fake.refuseSync(TOKEN);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class,
                () -> gateway.findByMarker(TOKEN, "1.aa", 0));

        assertThat(failure.kind()).isEqualTo(Kind.PERMISSION_DENIED);
    }

    @Test
    void create_note_is_not_sent_once_its_start_by_time_has_passed() {
        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class,
                () -> gateway.createNote(TOKEN, draft("Late", null, null), "9.zz", System.nanoTime() - 1));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(fake.calls("createNote")).isZero();
    }
}
