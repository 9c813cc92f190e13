package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Two instances, each its own JVM, on one database; one is killed with SIGKILL while it holds trigger and outbox
 * leases. The survivor takes them over at once (the holder's process provably ended on this machine), without
 * waiting for the leases to run out: every entry, including those published after the kill on the triggers the
 * dead instance held, becomes exactly one note within seconds.
 */
class InstanceKilledTest {
    private static final int TRIGGERS = 12;

    @TempDir
    Path dataDir;
    ServiceFixture f;
    final Map<String, Feeds> feeds = new LinkedHashMap<>();
    final Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(java.time.Duration.ofMinutes(10)); // Evernote's search index lags; sync does not
        for (String user : List.of("alice", "bob")) {
            f.evernote.addAccount("tok-" + user, user);
            int id = f.admin.addUser(user, user + "@example.org");
            f.admin.setEvernoteToken(id, "tok-" + user);
        }
        for (int i = 0; i < TRIGGERS; i++) {
            String user = i % 2 == 0 ? "alice" : "bob";
            String name = user + "-" + i;
            Feeds feed = new Feeds(name);
            feeds.put(name, feed);
            tokens.put(name, "tok-" + user);
            f.admin.addTrigger(f.admin.userId(user).orElseThrow(), name, f.feeds.put("/" + name, feed.add(4)), "",
                    "", Feeds.CREATED);
        }
        // Every refresh holds its lease for a while, and createNote calls are in flight when the kill comes.
        f.feeds.delay(Duration.ofMillis(1500));
        for (int i = 0; i < TRIGGERS * 4; i++) {
            f.evernote.failNext("createNote", Fault.delay(Duration.ofMillis(150)));
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = f.processEnv(dataDir);
        env.put("TH_FETCH_CONCURRENCY", "2");
        env.put("TH_POLL_TICK", "1s");
        env.put("TH_HTTP_PORT", Integer.toString(ServiceFixture.freePort()));
        env.put("TH_MANAGEMENT_PORT", Integer.toString(ServiceFixture.freePort()));
        return env;
    }

    private int leasesOf(ServiceProcess p, String table) throws Exception {
        return f.queryInt("SELECT count(*) FROM " + table + " WHERE claimed_until > now() AND claimed_by LIKE '"
                + p.pid() + "@%'");
    }

    @Test
    void the_survivor_takes_over_a_killed_instances_leases_at_once() throws Exception {
        try (ServiceProcess a = ServiceProcess.start(env(), dataDir.resolve("a.log"));
             ServiceProcess b = ServiceProcess.start(env(), dataDir.resolve("b.log"))) {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> leasesOf(a, "thc_feed_state") > 0 && f.evernote.calls("createNote") >= 4);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("instance A never held a trigger lease; its log:\n" + a.tail(40), e);
            }
            a.kill();
            long killed = System.nanoTime();
            int triggerLeases = leasesOf(a, "thc_feed_state");
            int outboxLeases = leasesOf(a, "thc_outbox");
            assertThat(triggerLeases).as("the kill left trigger leases behind").isPositive();
            // New entries on every feed, the dead instance's triggers included.
            feeds.forEach((name, feed) -> f.feeds.put("/" + name, feed.add(1)));
            int entries = feeds.values().stream().mapToInt(feed -> feed.links().size()).sum();
            try {
                // The leases had over two minutes (refresh) and five (delivery) left to run.
                Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                        .until(() -> f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'") == entries);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the survivor did not finish; its log:\n" + b.tail(60), e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("instance killed holding trigger_leases=" + triggerLeases + " outbox_leases="
                    + outboxLeases + "; all " + entries + " entries delivered " + took.toMillis() + " ms after");
            assertThat(b.isAlive()).isTrue();
            for (Map.Entry<String, Feeds> e : feeds.entrySet()) {
                List<String> urls = f.evernote.notes(tokens.get(e.getKey())).stream().map(StoredNote::sourceUrl)
                        .filter(u -> u.startsWith("http://example.org/" + e.getKey() + "/")).toList();
                assertThat(urls).as("notes of " + e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue().links());
            }
        }
    }
}
