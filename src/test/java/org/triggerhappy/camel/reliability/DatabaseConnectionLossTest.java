package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.service.ServiceRuntime;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * The running service (runForever, 1 s poll interval) while every connection to its database is killed again and
 * again, as a PostgreSQL restart or a network cut would: it keeps running, says so in its log, recovers through its
 * pool without a restart, and every entry still becomes exactly one note.
 */
class DatabaseConnectionLossTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;
    final Map<String, Feeds> feeds = new LinkedHashMap<>();
    final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.set("th.poll.interval", "1s");
        for (String user : List.of("alice", "bob")) {
            f.evernote.addAccount("tok-" + user, user);
            int id = f.admin.addUser(user, user + "@example.org");
            f.admin.setEvernoteToken(id, "tok-" + user);
            for (String notebook : List.of("News", "Blogs")) {
                String name = user + "-" + notebook.toLowerCase();
                Feeds feed = new Feeds(name);
                feeds.put(name, feed);
                tokens.put(name, "tok-" + user);
                f.admin.addTrigger(id, name, f.feeds.put("/" + name, feed.add(1)), notebook, "", Feeds.CREATED);
            }
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(f.db.url(), f.db.user(), f.db.password());
    }

    private int query(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int terminateAllOthers(Connection admin) throws Exception {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void addEntry(String name) {
        f.feeds.put("/" + name, feeds.get(name).add(1));
    }

    /** Feed links missing from the account, and notes made more than once. */
    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        feeds.forEach((name, feed) -> {
            List<String> sources = f.evernote.notes(tokens.get(name)).stream().map(StoredNote::sourceUrl).toList();
            for (String link : feed.links()) {
                long n = sources.stream().filter(link::equals).count();
                if (n != 1) {
                    problems.add(link + " x" + n);
                }
            }
        });
        return problems;
    }

    @Test
    void service_rides_out_repeated_loss_of_all_database_connections() throws Exception {
        ServiceRuntime rt = ServiceRuntime.create(f.settings(), true);
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        Thread service = new Thread(() -> {
            try {
                rt.runForever();
            } catch (Throwable e) {
                crashed.set(e);
            }
        }, "service-under-test");
        int kills = 0;
        int terminated = 0;
        try (LogCapture log = new LogCapture()) {
            service.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> problems().isEmpty());

            // Five seconds of havoc: all connections killed every 200 ms while new entries keep arriving.
            List<String> names = List.copyOf(feeds.keySet());
            try (Connection admin = connect()) {
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < end) {
                    terminated += terminateAllOthers(admin);
                    if (kills % 3 == 0) {
                        addEntry(names.get(kills / 3 % names.size()));
                    }
                    kills++;
                    Thread.sleep(200);
                }
            }
            names.forEach(this::addEntry);

            Awaitility.await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(500))
                    .until(() -> problems().isEmpty());
            assertThat(service.isAlive()).as("the service kept running").isTrue();
            assertThat(crashed.get()).isNull();
            // PostgreSQL's reason reaches the log; our own lines also say what was interrupted. (Which operations hit
            // a dead connection depends on timing: the pool silently replaces connections idle for over 500 ms.)
            assertThat(log.lines("57P01").size() + log.lines("terminating connection due to administrator command")
                    .size()).as("the log names the cause").isPositive();
            List<String> ours = log.lines("org.triggerhappy.camel.pipeline.", "database error:");
            assertThat(ours).allMatch(line -> line.contains("trigger_id=") || line.contains("outbox_id=")
                    || line.contains("heartbeat not recorded"));
            System.out.println("database connection loss, log lines: " + ours.size() + " from the pipeline, "
                    + log.lines("marked as broken").size() + " from the pool, "
                    + log.lines("Failed delivery for").size() + " from Camel" + (ours.isEmpty() ? "" : "; e.g. "
                    + ours.get(0)));
        } finally {
            rt.stop();
            service.join(Duration.ofSeconds(40).toMillis());
            rt.close();
        }
        assertThat(service.isAlive()).isFalse();
        assertThat(terminated).as("connections were really killed").isGreaterThan(kills / 2);

        // Nothing half-written: every entry queued in the ledger has exactly one outbox row, all delivered.
        int entries = feeds.values().stream().mapToInt(feed -> feed.links().size()).sum();
        assertThat(query("SELECT count(*) FROM thc_entry WHERE queued")).isEqualTo(entries);
        assertThat(query("SELECT count(*) FROM thc_outbox")).isEqualTo(entries);
        assertThat(query("SELECT count(*) FROM thc_outbox WHERE state = 'delivered' AND note_guid IS NOT NULL"))
                .isEqualTo(entries);
        assertThat(query("SELECT count(*) FROM thc_entry e WHERE queued AND NOT EXISTS (SELECT 1 FROM thc_outbox o"
                + " WHERE o.trigger_id = e.trigger_id AND o.entry_key = e.entry_key)")).isZero();
        int notes = tokens.values().stream().distinct().mapToInt(t -> f.evernote.notes(t).size()).sum();
        assertThat(notes).isEqualTo(entries);
        System.out.println("database connection loss: kill_rounds=" + kills + " backends_terminated=" + terminated
                + " entries=" + entries + " notes=" + notes + " lost=0 duplicated=0");
    }
}
