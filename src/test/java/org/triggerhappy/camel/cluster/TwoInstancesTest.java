package org.triggerhappy.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.BackgroundService;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Two instances on one database share the triggers and the outbox: every note exactly once, nothing left over. */
class TwoInstancesTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final int TRIGGERS = 24;
    private static final int ITEMS = 3;

    @TempDir
    Path dir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dir, false);
        f.set("th.fetch.concurrency", "2").set("th.fetch.per.host", "8").set("th.poll.interval", "1s").set("th.poll.tick", "1s");
        for (int u = 0; u < 3; u++) {
            String token = "tok-" + u;
            f.evernote.addAccount(token, "user" + u);
            int user = f.admin.addUser("user" + u, "");
            f.admin.setEvernoteToken(user, token);
            for (int t = u; t < TRIGGERS; t += 3) {
                Rss feed = Rss.feed();
                for (int i = 0; i < ITEMS; i++) {
                    feed.item("t" + t + "-" + i, "T" + t + " item " + i, "http://example.org/" + t + "/" + i,
                            NOW.minus(i + 1, ChronoUnit.MINUTES), "<p>" + i + "</p>");
                }
                f.admin.addTrigger(user, "trigger " + t, f.feeds.put("/f" + t, feed.xml()), "NB", "",
                        LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1));
            }
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<StoredNote> allNotes() {
        List<StoredNote> all = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            all.addAll(f.evernote.notes("tok-" + u));
        }
        return all;
    }

    private static Map<String, Long> counts(List<StoredNote> notes) {
        return notes.stream().collect(Collectors.groupingBy(StoredNote::sourceUrl, Collectors.counting()));
    }

    @Test
    void two_instances_at_once_write_every_note_exactly_once_and_share_the_triggers() throws Exception {
        f.feeds.delay(Duration.ofMillis(150));
        f.set("th.poll.interval", "1h");
        try (BackgroundService a = BackgroundService.start(f.settings());
             BackgroundService b = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> allNotes().size() >= TRIGGERS * ITEMS);
            // The notes' records are written at the end of each turn of a user's deliveries.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> f.queryInt("SELECT count(*) FROM thc_outbox WHERE state <> 'delivered'") == 0);
        }
        List<StoredNote> notes = allNotes();
        assertThat(notes).hasSize(TRIGGERS * ITEMS);
        assertThat(counts(notes).values()).allMatch(n -> n == 1);
        assertThat(f.feeds.requests()).as("each feed fetched once").isEqualTo(TRIGGERS);
        assertThat(f.queryInt("SELECT count(DISTINCT last_polled_by) FROM thc_feed_state"))
                .as("both instances polled").isEqualTo(2);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state <> 'delivered'")).isZero();
    }

    @Test
    void a_surviving_instance_finishes_the_work_of_one_that_died() throws Exception {
        // A dead instance held leases on a third of the triggers and on a pending note; its leases run out.
        f.runOnce();
        int before = allNotes().size();
        f.execute("UPDATE thc_feed_state SET next_check_at = now() - interval '1 second'");
        f.execute("UPDATE thc_feed_state SET claimed_by = 'dead-node', claimed_until = now() + interval '3 seconds'"
                + " WHERE trigger_id % 3 = 0");
        for (int t = 0; t < TRIGGERS; t++) {
            f.feeds.put("/f" + t, Rss.feed().item("t" + t + "-new", "T" + t + " new", "http://example.org/" + t + "/new",
                    NOW, "<p>new</p>").xml());
        }
        f.execute("WITH o AS (INSERT INTO thc_outbox (trigger_id, user_id, entry_key, feed_url, guid, link, title,"
                + " published, claimed_until, claimed_by, attempts) SELECT t.id, t.user_id, repeat('d', 64),"
                + " 'http://x/', 'dead-guid', 'http://example.org/dead', 'Left by the dead node', now(),"
                + " now() + interval '3 seconds', 'dead-node', 1 FROM django_th_triggerservice t ORDER BY t.id LIMIT 1"
                + " RETURNING id) INSERT INTO thc_outbox_payload (outbox_id, content) SELECT id, '<p>x</p>' FROM o");
        f.set("th.poll.interval", "1h");
        try (BackgroundService survivor = BackgroundService.start(f.settings())) {
            int expected = before + TRIGGERS + 1;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> allNotes().size() >= expected);
            // and nothing more arrives: every note exactly once
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> allNotes().size() == expected);
            List<StoredNote> notes = allNotes();
            assertThat(notes).hasSize(expected);
            assertThat(counts(notes).values()).allMatch(n -> n == 1);
            assertThat(notes).extracting(StoredNote::title).contains("Left by the dead node");
        }
    }
}
