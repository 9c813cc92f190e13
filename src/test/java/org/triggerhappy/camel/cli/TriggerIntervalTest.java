package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Users, tokens and triggers made with the CLI are served by the real service, each trigger at its own interval. */
class TriggerIntervalTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        cli = new CliHarness(f.db, dataDir).set("th.evernote.url", f.evernote.baseUrl());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private int add(String url, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[]{"triggers", "add", "--user", "alice", "--url", url}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return CliHarness.addedTriggerId(r);
    }

    private Instant nextCheck(int triggerId) throws Exception {
        return Instant.ofEpochMilli(Long.parseLong(cli.queryString(
                "SELECT floor(extract(epoch FROM next_check_at) * 1000)::bigint FROM thc_feed_state WHERE trigger_id = "
                        + triggerId)));
    }

    @Test
    void a_trigger_added_with_interval_2h_is_checked_again_two_hours_later_the_others_after_th_poll_interval()
            throws Exception {
        f.evernote.addAccount("tok-alice", "alice");
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
        assertThat(cli.env("TH_TOKEN", "tok-alice").run("tokens", "set", "--user", "alice").exit()).isZero();
        Instant published = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        int slow = add(f.feeds.put("/slow", Rss.feed()
                .item("s1", "Slow one", "http://example.org/s/1", published, "<p>slow</p>").xml()),
                "--interval", "2h", "--notebook", "Slow");
        int usual = add(f.feeds.put("/usual", Rss.feed()
                .item("u1", "Usual one", "http://example.org/u/1", published, "<p>usual</p>").xml()));
        // Created yesterday: the entries fall in the first-poll window even when the test runs across midnight.
        cli.execute("UPDATE django_th_triggerservice SET date_created = current_date - 1");

        Instant before = Instant.now();
        f.runOnce();
        Instant after = Instant.now();

        // The interval plus at most 10 % jitter (PollSchedule).
        assertThat(nextCheck(slow)).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(1),
                after.plus(Duration.ofMinutes(132)));
        assertThat(nextCheck(usual)).isBetween(before.plus(Duration.ofMinutes(15)).minusSeconds(1),
                after.plus(Duration.ofSeconds(15 * 66)));
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::title)
                .containsExactlyInAnyOrder("Slow one", "Usual one");
        assertThat(f.evernote.notes("tok-alice")).filteredOn(n -> n.title().equals("Slow one"))
                .extracting(StoredNote::notebookName).containsExactly("Slow");
    }
}
