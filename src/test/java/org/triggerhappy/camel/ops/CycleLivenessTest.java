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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Liveness follows the poll cycle: DOWN while a cycle is stuck past the bound, UP again once it moves. */
class CycleLivenessTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void liveness_is_down_while_a_cycle_is_stuck_and_up_once_it_moves_again() throws Exception {
        f = new ServiceFixture(dataDir, false);
        Instant now = Instant.now();
        int user = f.admin.addUser("u", "");
        f.admin.addTrigger(user, "T", f.feeds.put("/f", Rss.feed()
                .item("g1", "One", "http://example.org/1", now.minusSeconds(60), "<p>1</p>").xml()),
                "", "", LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
        // Bound: 3 x (1 s + 1 s) = 6 s.
        f.set("th.fetch.connect.timeout", "1s").set("th.fetch.timeout", "1s").set("th.poll.tick", "1s");
        try (RunningService s = new RunningService(f)) {
            assertThat(s.management("/observe/health/live").statusCode()).isEqualTo(200);
            try (Connection c = DriverManager.getConnection(f.db.url(), f.db.user(), f.db.password());
                 Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                // The next cycle's select of due triggers waits for this lock: a cycle no timeout of ours covers
                // for the next minute (the socket timeout).
                st.execute("LOCK TABLE thc_feed_state IN ACCESS EXCLUSIVE MODE");
                long t0 = System.nanoTime();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                        .until(() -> s.management("/observe/health/live").statusCode() == 503);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(5));
                String full = s.management("/observe/health?exposureLevel=full").body();
                assertThat(full).contains("poll-cycle").contains("DOWN");
                c.rollback();
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> s.management("/observe/health/live").statusCode() == 200);
        }
    }
}
