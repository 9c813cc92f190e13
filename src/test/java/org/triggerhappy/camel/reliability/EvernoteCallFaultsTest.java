package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * Single Evernote calls failing, through the real routes: 5xx retried with a growing back-off, ambiguous failures
 * (connection dropped or read timeout after the note was stored) reconciled by sourceURL before any retry, the
 * service's ENML verdict answered with plain text, a notebook created meanwhile reused, an unknown error parked.
 */
class EvernoteCallFaultsTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** A user with one trigger whose feed has {@code entries} entries; returns the trigger id. */
    private int user(String name, String notebook, Feeds feed, int entries) {
        f.evernote.addAccount("tok-" + name, name);
        int user = f.admin.addUser(name, name + "@example.org");
        f.admin.setEvernoteToken(user, "tok-" + name);
        return f.admin.addTrigger(user, name, f.feeds.put("/" + name, feed.add(entries)), notebook, "", Feeds.CREATED);
    }

    private void timePasses() throws Exception {
        f.execute("UPDATE thc_outbox SET not_before = now() - interval '1 second' WHERE state = 'pending'");
    }

    /**
     * The back-off the delivery chose: the retry time minus the moment of the failure, which lies between the start
     * and the end of the run (a loaded machine may take seconds to stop the run, so "now" is no reference).
     */
    private void assertBackOff(long seconds, java.time.Instant start, java.time.Instant end) throws Exception {
        long notBefore = f.queryInt("SELECT extract(epoch FROM not_before)::int FROM thc_outbox");
        assertThat(notBefore).isBetween(start.getEpochSecond() + seconds - 2, end.getEpochSecond() + seconds + 2);
    }

    @Test
    void http_500_is_retried_later_with_a_growing_back_off_and_written_once() throws Exception {
        Feeds feed = new Feeds("alice");
        user("alice", "", feed, 1);
        f.evernote.failNext("createNote", Fault.http500());
        f.evernote.failNext("createNote", Fault.http500());

        java.time.Instant start = java.time.Instant.now();
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("note delivery will be retried", "attempt=1", "HTTP 500")).hasSize(1);
        }
        java.time.Instant end = java.time.Instant.now();
        assertThat(f.evernote.calls("createNote")).as("one call, no retry loop").isEqualTo(1);
        assertThat(f.queryString("SELECT state || ' ' || last_error FROM thc_outbox"))
                .isEqualTo("pending Evernote unavailable: TRANSIENT: HTTP 500");
        assertBackOff(30, start, end);

        timePasses();
        start = java.time.Instant.now();
        f.runOnce();
        end = java.time.Instant.now();
        assertThat(f.evernote.calls("createNote")).isEqualTo(2);
        assertBackOff(60, start, end);

        timePasses();
        f.runOnce();
        assertThat(f.evernote.calls("createNote")).isEqualTo(3);
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::sourceUrl).containsExactlyElementsOf(feed.links());
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("delivered");
    }

    @Test
    void ambiguous_failures_are_reconciled_by_source_url_and_a_token_that_may_not_search_risks_a_duplicate()
            throws Exception {
        f.set("th.evernote.timeout", "1s");
        Feeds aliceFeed = new Feeds("alice");
        Feeds bobFeed = new Feeds("bob");
        Feeds carolFeed = new Feeds("carol");
        user("alice", "", aliceFeed, 1);
        user("bob", "", bobFeed, 1);
        user("carol", "Reading", carolFeed, 1);
        f.evernote.permissionDeniedSearch("tok-bob");
        // Each user's createNote is stored but never confirmed: two dropped connections, one reply after the timeout.
        f.evernote.failNext("createNote", Fault.dropConnectionAfterStore());
        f.evernote.failNext("createNote", Fault.delay(Duration.ofMillis(2500)));
        f.evernote.failNext("createNote", Fault.dropConnectionAfterStore());

        f.runOnce();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> f.evernote.notes("tok-alice").size()
                + f.evernote.notes("tok-bob").size() + f.evernote.notes("tok-carol").size() == 3);
        assertThat(f.evernote.calls("createNote")).isEqualTo(3);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending' AND ambiguous"
                + " AND last_error LIKE 'Evernote did not confirm the note: AMBIGUOUS%'")).isEqualTo(3);

        timePasses();
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("note found from an earlier attempt")).hasSize(2);
            assertThat(log.lines("cannot check for an earlier copy of the note", "a duplicate is possible")).hasSize(1);
        }
        assertThat(f.evernote.calls("createNote")).as("only the user who may not search writes again").isEqualTo(4);
        assertThat(f.evernote.notes("tok-alice")).hasSize(1);
        assertThat(f.evernote.notes("tok-carol")).hasSize(1).allMatch(n -> n.notebookName().equals("Reading"));
        assertThat(f.evernote.notes("tok-bob")).hasSize(2);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(3);
        assertThat(f.queryString("SELECT note_guid FROM thc_outbox WHERE link = '" + aliceFeed.links().get(0) + "'"))
                .isEqualTo(f.evernote.notes("tok-alice").get(0).guid());
    }

    @Test
    void enml_rejected_by_the_service_goes_as_plain_text_into_a_notebook_another_client_created_meanwhile()
            throws Exception {
        Feeds feed = new Feeds("alice");
        user("alice", "Tech", feed, 1);
        f.evernote.failNext("createNotebook", Fault.interleave(() -> f.evernote.addNotebook("tok-alice", "Tech")));
        f.evernote.failNext("createNote", Fault.enmlValidation());

        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("Evernote rejected the note's markup, sending it as plain text")).hasSize(1);
        }

        assertThat(f.evernote.notes("tok-alice")).singleElement().satisfies(n -> {
            assertThat(n.content()).contains("entry").contains("1").doesNotContain("<b>");
            assertThat(n.notebookName()).isEqualTo("Tech");
        });
        assertThat(f.evernote.notebookNames("tok-alice")).filteredOn("Tech"::equals).hasSize(1);
        assertThat(f.evernote.calls("createNotebook")).isEqualTo(1);
        assertThat(f.evernote.calls("createNote")).isEqualTo(2);
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("delivered");
    }

    @Test
    void an_error_code_unknown_to_the_sdk_parks_the_item_with_the_error_visible() throws Exception {
        int trigger = user("alice", "", new Feeds("alice"), 1);
        f.evernote.failNext("createNote", Fault.unknownErrorCode(28));

        OnceSummary s;
        try (LogCapture log = new LogCapture()) {
            s = f.runOnce();
            assertThat(log.lines("note parked", "trigger_id=" + trigger, "unreadable reply")).hasSize(1);
        }

        assertThat(s.notesParked()).isEqualTo(1);
        assertThat(f.evernote.notes("tok-alice")).isEmpty();
        assertThat(f.evernote.calls("createNote")).isEqualTo(1);
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("parked");
        assertThat(f.queryString("SELECT last_error FROM thc_outbox"))
                .startsWith("note rejected by Evernote: PERMANENT: unreadable reply from the service");
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + trigger))
                .startsWith("note rejected by Evernote: PERMANENT: unreadable reply from the service");
        assertThat(f.queryInt("SELECT counter_ko FROM django_th_triggerservice WHERE id = " + trigger)).isEqualTo(1);
    }
}
