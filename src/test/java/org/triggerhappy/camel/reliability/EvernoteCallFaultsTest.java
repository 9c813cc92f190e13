package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.evernote.edam.error.EDAMErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.StatusQuery;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.Rss;

/**
 * Single Evernote calls failing, through the real routes, while the search index lags by ten minutes: 5xx, HTML
 * pages, unknown error codes and other temporary trouble retried with a growing back-off and never parked,
 * ambiguous failures (connection dropped or read timeout after the note was stored) reconciled exactly through the
 * sync API before any retry, the service's ENML verdict answered with plain text, a notebook created meanwhile
 * reused, an account's notebook limit parked.
 */
class EvernoteCallFaultsTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(Duration.ofMinutes(10));
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

    /** The back-off the delivery chose: the retry time minus the moment the failure was recorded. */
    private int secondsUntilRetry() throws Exception {
        return f.queryInt("SELECT round(extract(epoch FROM not_before - last_error_at))::int FROM thc_outbox");
    }

    @Test
    void http_500_is_retried_later_with_a_growing_back_off_and_written_once() throws Exception {
        Feeds feed = new Feeds("alice");
        user("alice", "", feed, 1);
        f.evernote.failNext("createNote", Fault.http500());
        f.evernote.failNext("createNote", Fault.http500());

        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("note delivery will be retried", "attempt=1", "HTTP 500")).hasSize(1);
        }
        assertThat(f.evernote.calls("createNote")).as("one call, no retry loop").isEqualTo(1);
        assertThat(f.queryString("SELECT state || ' ' || last_error FROM thc_outbox"))
                .isEqualTo("pending Evernote unavailable: TRANSIENT: HTTP 500");
        assertThat(secondsUntilRetry()).isEqualTo(30);

        timePasses();
        f.runOnce();
        assertThat(f.evernote.calls("createNote")).isEqualTo(2);
        assertThat(secondsUntilRetry()).isEqualTo(60);

        timePasses();
        f.runOnce();
        assertThat(f.evernote.calls("createNote")).isEqualTo(3);
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::sourceUrl).containsExactlyElementsOf(feed.links());
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("delivered");
    }

    @Test
    void ambiguous_failures_are_reconciled_through_the_sync_api_and_an_account_refusing_it_and_search_risks_a_duplicate()
            throws Exception {
        f.set("th.evernote.timeout", "1s");
        Feeds aliceFeed = new Feeds("alice");
        Feeds bobFeed = new Feeds("bob");
        Feeds carolFeed = new Feeds("carol");
        user("alice", "", aliceFeed, 1);
        user("bob", "", bobFeed, 1);
        user("carol", "Reading", carolFeed, 1);
        f.evernote.permissionDeniedSearch("tok-bob");
        f.evernote.refuseSync("tok-bob");
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
            assertThat(log.lines("the account refuses the sync call", "a weaker check", "user_id=")).hasSize(1);
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
    void an_error_code_unknown_to_the_sdk_is_retried_not_parked_and_its_reason_shows_on_the_trigger() throws Exception {
        int trigger = user("alice", "", new Feeds("alice"), 1);
        f.evernote.failNext("createNote", Fault.unknownErrorCode(28));

        OnceSummary s;
        try (LogCapture log = new LogCapture()) {
            s = f.runOnce();
            assertThat(log.lines("note delivery will be retried", "trigger_id=" + trigger, "unreadable reply")).hasSize(1);
        }

        assertThat(s.notesParked()).isZero();
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("pending");
        assertThat(f.queryString("SELECT last_error FROM thc_outbox"))
                .startsWith("Evernote did not confirm the note: AMBIGUOUS: unreadable reply from the service");
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + trigger))
                .startsWith("Evernote did not confirm the note: AMBIGUOUS: unreadable reply from the service");

        timePasses();
        f.runOnce();
        assertThat(f.evernote.notes("tok-alice")).hasSize(1);
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("delivered");
    }

    @Test
    void temporary_trouble_is_retried_with_a_growing_back_off_and_never_parked() throws Exception {
        int trigger = user("alice", "Tech", new Feeds("alice"), 1);
        List<Fault> trouble = List.of(Fault.htmlPage("text/html; charset=utf-8"), Fault.htmlPage("application/x-thrift"),
                Fault.systemError(EDAMErrorCode.SHARD_UNAVAILABLE), Fault.systemError(EDAMErrorCode.INTERNAL_ERROR),
                Fault.userError(EDAMErrorCode.PERMISSION_DENIED, "Note.notebookGuid"));
        trouble.forEach(fault -> f.evernote.failNext("createNote", fault));
        List<Integer> waits = new ArrayList<>();

        for (int i = 0; i < trouble.size(); i++) {
            f.runOnce();
            assertThat(f.queryString("SELECT state FROM thc_outbox")).as("after " + trouble.get(i)).isEqualTo("pending");
            waits.add(secondsUntilRetry());
            assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + trigger))
                    .isEqualTo(f.queryString("SELECT last_error FROM thc_outbox"));
            assertThat(new StatusQuery(f.ds, Clock.systemUTC()).read().heldBack()).singleElement().satisfies(h -> {
                assertThat(h.user()).isEqualTo("alice");
                assertThat(h.deferred()).isEqualTo(1);
                assertThat(h.parked()).isZero();
                assertThat(h.deferredReason()).startsWith("Evernote ");
            });
            timePasses();
        }
        f.runOnce();

        assertThat(waits).isSorted().first().isEqualTo(waits.get(0));
        assertThat(waits.get(waits.size() - 1)).isGreaterThan(waits.get(0) * 8);
        assertThat(f.evernote.notes("tok-alice")).singleElement().extracting(StoredNote::notebookName).isEqualTo("Tech");
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("delivered");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'parked'")).isZero();
    }

    @Test
    void the_accounts_notebook_limit_parks_the_note_with_the_reason() throws Exception {
        int trigger = user("alice", "Tech", new Feeds("alice"), 1);
        f.evernote.failNext("createNotebook", Fault.userError(EDAMErrorCode.LIMIT_REACHED, "Notebook.name"));

        OnceSummary s = f.runOnce();

        assertThat(s.notesParked()).isEqualTo(1);
        assertThat(f.queryString("SELECT state FROM thc_outbox")).isEqualTo("parked");
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + trigger))
                .contains("the account's notebook limit is reached");
        assertThat(new StatusQuery(f.ds, Clock.systemUTC()).read().heldBack()).singleElement().satisfies(h -> {
            assertThat(h.parked()).isEqualTo(1);
            assertThat(h.parkedReason()).contains("the account's notebook limit is reached");
            assertThat(h.deferred()).isZero();
        });
    }

    @Test
    void entries_without_a_link_and_entries_sharing_one_are_reconciled_exactly() throws Exception {
        int user = f.addEvernoteUser("alice");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        String xml = Rss.feed()
                .item("g1", "First of two", "http://example.org/shared", at, "<p>one</p>")
                .item("g2", "Second of two", "http://example.org/shared", at.plusSeconds(1), "<p>two</p>")
                .item("g3", "No link", null, at.plusSeconds(2), "<p>three</p>")
                .xml();
        f.admin.addTrigger(user, "alice", f.feeds.put("/shared", xml), "", "", Feeds.CREATED);
        for (int i = 0; i < 3; i++) {
            f.evernote.failNext("createNote", Fault.dropConnectionAfterStore());
        }

        f.runOnce();
        assertThat(f.evernote.notes("tok-alice")).hasSize(3);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE ambiguous AND sync_usn IS NOT NULL")).isEqualTo(3);
        timePasses();
        f.runOnce();

        assertThat(f.evernote.calls("createNote")).as("no second write").isEqualTo(3);
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::title)
                .containsExactlyInAnyOrder("First of two", "Second of two", "No link");
        assertThat(f.queryInt("SELECT count(DISTINCT note_guid) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(3);
        for (StoredNote note : f.evernote.notes("tok-alice")) {
            assertThat(f.queryString("SELECT title FROM thc_outbox WHERE note_guid = '" + note.guid() + "'"))
                    .isEqualTo(note.title());
        }
    }
}
