package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * Evernote pausing one user's deliveries, through the real routes: a rate limit until it ends (persisted across
 * restarts), an expired token until django-th holds a new one. The other user's notes go on meanwhile.
 */
class EvernoteAccountPausesTest {
    private static final List<String> ALL_METHODS = List.of("getNoteStoreUrl", "listNotebooks", "createNotebook",
            "listTags", "createTag", "createNote", "findNotesMetadata", "getDefaultNotebook");

    @TempDir
    Path dataDir;
    ServiceFixture f;
    Feeds aliceFeed = new Feeds("alice");
    Feeds bobFeed = new Feeds("bob");
    int alice;
    int bob;
    int aliceTrigger;
    int bobTrigger;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        alice = f.addEvernoteUser("alice");
        bob = f.addEvernoteUser("bob");
        // Only alice's notes need a notebook created, so a fault on createNotebook is hers.
        aliceTrigger = f.admin.addTrigger(alice, "Alice", f.feeds.put("/alice", aliceFeed.add(2)), "Tech", "",
                Feeds.CREATED);
        bobTrigger = f.admin.addTrigger(bob, "Bob", f.feeds.put("/bob", bobFeed.add(2)), "", "", Feeds.CREATED);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private int allCalls() {
        return ALL_METHODS.stream().mapToInt(f.evernote::calls).sum();
    }

    private static List<String> sources(List<StoredNote> notes) {
        return notes.stream().map(StoredNote::sourceUrl).sorted().toList();
    }

    @Test
    void rate_limit_pauses_only_that_user_until_it_ends_even_across_restarts() throws Exception {
        f.evernote.failNext("createNotebook", Fault.rateLimit(900));

        f.runOnce();

        assertThat(sources(f.evernote.notes("tok-bob"))).containsExactlyElementsOf(bobFeed.links());
        assertThat(f.evernote.notes("tok-alice")).isEmpty();
        assertThat(f.queryString("SELECT kind FROM thc_user_pause WHERE user_id = " + alice)).isEqualTo("rate_limit");
        assertThat(f.queryInt("SELECT extract(epoch FROM paused_until - now())::int FROM thc_user_pause"
                + " WHERE user_id = " + alice)).isCloseTo(900, within(15));
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE user_id = " + alice
                + " AND state = 'pending' AND not_before > now() + interval '800 seconds'")).isEqualTo(2);
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + aliceTrigger))
                .startsWith("Evernote rate limit reached: notes resume after");
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + bobTrigger)).isEqualTo("OK");

        // A restart before the pause ends: not one Evernote call for alice, not even for her new entry.
        f.feeds.put("/alice", aliceFeed.add(1));
        int callsBefore = allCalls();
        f.runOnce();
        assertThat(allCalls()).isEqualTo(callsBefore);
        assertThat(f.evernote.notes("tok-alice")).isEmpty();
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE user_id = " + alice + " AND state = 'pending'"))
                .isEqualTo(3);

        // The pause ends.
        f.execute("UPDATE thc_user_pause SET paused_until = now() - interval '1 second'");
        f.execute("UPDATE thc_outbox SET not_before = now() - interval '1 second' WHERE state = 'pending'");
        f.runOnce();

        assertThat(sources(f.evernote.notes("tok-alice"))).containsExactlyElementsOf(aliceFeed.links());
        assertThat(sources(f.evernote.notes("tok-bob"))).containsExactlyElementsOf(bobFeed.links());
        assertThat(f.queryInt("SELECT count(*) FROM thc_user_pause")).isZero();
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + aliceTrigger)).isEqualTo("OK");
    }

    @Test
    void a_rate_limit_holds_back_the_notes_claimed_with_the_refused_one_without_another_call() throws Exception {
        f.execute("UPDATE django_th_triggerservice SET status = false");
        int carol = f.addEvernoteUser("carol");
        Feeds carolFeed = new Feeds("carol");
        f.admin.addTrigger(carol, "Carol", f.feeds.put("/carol", carolFeed.add(6)), "", "", Feeds.CREATED);
        // The first note takes a while, so the others wait in carol's lane and are claimed together after it; the
        // second is refused: the rest of its claim must wait too, not try Evernote one by one.
        f.evernote.failNext("createNote", Fault.delay(java.time.Duration.ofSeconds(2)));
        f.evernote.failNext("createNote", Fault.rateLimit(900));

        f.runOnce();

        assertThat(f.evernote.calls("createNote")).isEqualTo(2);
        assertThat(f.evernote.notes("tok-carol")).hasSize(1);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE user_id = " + carol
                + " AND state = 'pending' AND not_before > now() + interval '800 seconds'")).isEqualTo(5);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE claimed_by IS NOT NULL")).isZero();
    }

    @Test
    void expired_token_parks_the_user_until_django_th_holds_a_new_one() throws Exception {
        f.evernote.expireToken("tok-alice");
        OnceSummary first;
        try (LogCapture log = new LogCapture()) {
            first = f.runOnce();
            assertThat(log.lines("deliveries paused", "user_id=" + alice, "Evernote token expired or revoked"))
                    .isNotEmpty();
            assertThat(log.text()).doesNotContain("tok-alice");
        }
        assertThat(first.notesWritten()).isEqualTo(2);
        assertThat(sources(f.evernote.notes("tok-bob"))).containsExactlyElementsOf(bobFeed.links());
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + aliceTrigger))
                .startsWith("Evernote token expired or revoked: re-authorise Evernote in django-th");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE user_id = " + alice
                + " AND state = 'pending' AND not_before > now() + interval '365 days'")).isEqualTo(2);
        assertThat(f.queryString("SELECT reason FROM thc_user_pause WHERE user_id = " + alice))
                .startsWith("Evernote token expired or revoked");

        // Still the old token: nothing is tried, new entries wait as well.
        f.feeds.put("/alice", aliceFeed.add(1));
        int callsBefore = allCalls();
        f.runOnce();
        assertThat(allCalls()).isEqualTo(callsBefore);

        // The user re-authorises in django-th: the new token reaches the same account.
        f.evernote.renewToken("tok-alice", "tok-alice-2");
        f.admin.setEvernoteToken(alice, "tok-alice-2");
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("Evernote token renewed, deliveries resume", "user_id=" + alice)).hasSize(1);
        }

        assertThat(sources(f.evernote.notes("tok-alice-2"))).containsExactlyElementsOf(aliceFeed.links());
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state <> 'delivered'")).isZero();
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + aliceTrigger)).isEqualTo("OK");
    }
}
