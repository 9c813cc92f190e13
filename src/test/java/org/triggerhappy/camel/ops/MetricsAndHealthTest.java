package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * The running service's management server: Prometheus series after a real cycle (feeds over HTTP, notes through
 * the Evernote SDK to the fake service), liveness, and readiness following the database down and up again.
 */
class MetricsAndHealthTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        LocalDate created = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
        f.evernote.addAccount("tok-alice", "alice");
        int alice = f.admin.addUser("alice", "a@example.org");
        int bob = f.admin.addUser("bob", "b@example.org");
        int carol = f.admin.addUser("carol", "c@example.org");
        f.admin.setEvernoteToken(alice, "tok-alice");
        // alice: two entries in the first-poll window become notes, one older entry is only recorded.
        f.admin.addTrigger(alice, "Alice", f.feeds.put("/alice", Rss.feed()
                .item("a1", "One", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS), "<p>1</p>")
                .item("a2", "Two", "http://example.org/2", NOW.minus(2, ChronoUnit.HOURS), "<p>2</p>")
                .item("a3", "Old", "http://example.org/3", NOW.minus(30, ChronoUnit.DAYS), "<p>3</p>")
                .xml()), "", "", created);
        // bob never connected Evernote: his note waits in the outbox and he is paused.
        f.admin.addTrigger(bob, "Bob", f.feeds.put("/bob", Rss.feed()
                .item("b1", "Bob's", "http://example.org/b1", NOW.minus(1, ChronoUnit.HOURS), "<p>b</p>")
                .xml()), "", "", created);
        // carol's feed answers 500.
        String carolFeed = f.feeds.put("/carol", "unused");
        f.feeds.fail("/carol", 500);
        f.admin.addTrigger(carol, "Carol", carolFeed, "", "", created);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void exposes_triggerhappy_series_with_the_figures_of_a_real_cycle() throws Exception {
        try (RunningService s = new RunningService(f)) {
            // The backlog gauges are cached for a few seconds: wait until they have seen the cycle's outcome too.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String m = metrics(s);
                return value(m, "triggerhappy_cycle_seconds_count") >= 1
                        && value(m, "triggerhappy_notes_total{outcome=\"written\"}") == 2
                        && value(m, "triggerhappy_users_paused") == 1;
            });
            String m = metrics(s);

            assertThat(value(m, "triggerhappy_fetches_total{outcome=\"200\"}")).isEqualTo(2);
            assertThat(value(m, "triggerhappy_fetches_total{outcome=\"304\"}")).isZero();
            assertThat(m).containsPattern("triggerhappy_fetches_total\\{outcome=\"fetch-[a-z_]+\"} 1\\.0");
            assertThat(value(m, "triggerhappy_entries_new_total")).isEqualTo(4);
            assertThat(value(m, "triggerhappy_notes_total{outcome=\"auth_paused\"}")).isEqualTo(1);
            assertThat(value(m, "triggerhappy_users_paused")).isEqualTo(1);
            assertThat(value(m, "triggerhappy_outbox_depth")).isEqualTo(1);
            assertThat(value(m, "triggerhappy_outbox_oldest_seconds")).isBetween(0.0, 120.0);
            assertThat(value(m, "triggerhappy_cycle_seconds_count")).isEqualTo(1);
            assertThat(value(m, "triggerhappy_cycle_seconds_sum")).isGreaterThan(0.0).isLessThan(60.0);
            // Camel's own series share the registry.
            assertThat(m).contains("camel_exchanges_total").contains("jvm_memory_used_bytes");
            assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending'")).isEqualTo(1);
        }
    }

    @Test
    void readiness_and_the_status_page_follow_the_database_and_liveness_does_not() throws Exception {
        try (RunningService s = new RunningService(f)) {
            var ready = s.management("/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"UP\"");
            assertThat(s.management("/observe/health?exposureLevel=full").body()).contains("database");

            String name = f.db.url().substring(f.db.url().lastIndexOf('/') + 1);
            String admin = f.db.url().substring(0, f.db.url().lastIndexOf('/') + 1) + "postgres";
            try (Connection c = DriverManager.getConnection(admin, f.db.user(), f.db.password());
                 Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                try {
                    long t0 = System.nanoTime();
                    var down = s.management("/observe/health/ready");
                    assertThat(down.statusCode()).isEqualTo(503);
                    assertThat(down.body()).contains("\"DOWN\"");
                    // Bounded by the check's own timeout, not the pool's 10 s connection timeout.
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
                    assertThat(s.management("/observe/health/live").statusCode()).isEqualTo(200);
                    var page = s.page("/");
                    assertThat(page.statusCode()).isEqualTo(503);
                    assertThat(page.body()).contains("id=\"unavailable\"").doesNotContain("Exception");
                } finally {
                    st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> s.management("/observe/health/ready").statusCode() == 200);
        }
    }

    private static String metrics(RunningService s) {
        var r = s.management("/observe/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The value of one series in Prometheus text format; -1 when absent. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
