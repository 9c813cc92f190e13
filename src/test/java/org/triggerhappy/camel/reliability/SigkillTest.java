package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * The service as its own JVM, killed with SIGKILL while it writes notes (Evernote slowed down so that createNote
 * calls are in flight, and some connections dropped after the note was stored), restarted each time. In the end
 * every entry is exactly one note: the durable outbox, the lease release on restart and the sourceURL
 * reconciliation together lose nothing and duplicate nothing.
 */
class SigkillTest {
    private static final int KILLS = 4;
    private static final long SEED = 20240611L;

    @TempDir
    Path dataDir;
    ServiceFixture f;
    final Map<String, Feeds> feeds = new LinkedHashMap<>();
    final Map<String, String> tokens = new HashMap<>();
    final Random random = new Random(SEED);

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(java.time.Duration.ofMinutes(10)); // Evernote's search index lags; sync does not
        for (String user : List.of("alice", "bob")) {
            f.evernote.addAccount("tok-" + user, user);
            int id = f.admin.addUser(user, user + "@example.org");
            f.admin.setEvernoteToken(id, "tok-" + user);
        }
        trigger("alice", "alice-news", "News");
        trigger("alice", "alice-blogs", "");
        trigger("bob", "bob-news", "News");
    }

    private void trigger(String user, String name, String notebook) {
        Feeds feed = new Feeds(name);
        feeds.put(name, feed);
        tokens.put(name, "tok-" + user);
        int userId = f.admin.userId(user).orElseThrow();
        f.admin.addTrigger(userId, name, f.feeds.put("/" + name, feed.add(5)), notebook, "", Feeds.CREATED);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = f.processEnv(dataDir);
        env.put("TH_FETCH_CONCURRENCY", "4");
        env.put("TH_SINK", "evernote");
        return env;
    }

    private void addEntries(int perFeed) {
        feeds.forEach((name, feed) -> f.feeds.put("/" + name, feed.add(perFeed)));
    }

    /** Slow createNote calls, with a dropped connection after the store among them. */
    private int queueFaults() {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            faults.add(Fault.delay(Duration.ofMillis(400 + random.nextInt(400))));
        }
        faults.add(Fault.dropConnectionAfterStore());
        Collections.shuffle(faults.subList(1, faults.size()), random); // the first call of a round is a slow one
        faults.forEach(fault -> f.evernote.failNext("createNote", fault));
        return 1;
    }

    private int entries() {
        return feeds.values().stream().mapToInt(feed -> feed.links().size()).sum();
    }

    @Test
    void killed_mid_delivery_again_and_again_loses_nothing_and_duplicates_nothing() throws Exception {
        long t0 = System.nanoTime();
        int drops = 0;
        int midDelivery = 0;
        for (int round = 1; round <= KILLS; round++) {
            drops += queueFaults();
            addEntries(2);
            int callsBefore = f.evernote.calls("createNote");
            int target = callsBefore + 1 + random.nextInt(2);
            try (ServiceProcess service = ServiceProcess.start(env(), dataDir.resolve("service-" + round + ".log"))) {
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> f.evernote.calls("createNote") >= target || !service.isAlive());
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("no createNote within 30 s; service log:\n" + service.tail(40), e);
                }
                assertThat(service.isAlive()).as(service.tail(40)).isTrue();
                Thread.sleep(random.nextInt(150));
                service.kill();
                // Trigger and outbox leases the killed process still holds are released by the restart itself (the
                // holder's process provably ended on this machine): no waiting for them to run out.
                // Leases still held by the killed process: it died between claiming and recording a delivery.
                if (f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending' AND claimed_until > now()"
                        + " AND claimed_by LIKE '" + service.pid() + "@%'") > 0) {
                    midDelivery++;
                }
            }
        }

        // A last, undisturbed run of the process resumes what the kills left, then stops on SIGTERM.
        addEntries(1);
        try (ServiceProcess service = ServiceProcess.start(env(), dataDir.resolve("service-final.log"))) {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        f.queryInt("SELECT count(*) FROM thc_outbox") == entries()
                                && f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending'"
                                + " AND (not_before <= now() OR claimed_until IS NOT NULL)") == 0);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("final run did not settle; service log:\n" + service.tail(60), e);
            }
            service.stop();
        }
        // Items that met a dropped connection wait out their back-off: let that time pass, as run --once would.
        for (int i = 0; i < 4 && f.queryInt("SELECT count(*) FROM thc_outbox WHERE state <> 'delivered'") > 0; i++) {
            f.execute("UPDATE thc_outbox SET not_before = now() - interval '1 second' WHERE state = 'pending'");
            f.runOnce();
        }

        int published = entries();
        int notes = 0;
        int lost = 0;
        int duplicated = 0;
        for (Map.Entry<String, Feeds> e : feeds.entrySet()) {
            List<String> sources = f.evernote.notes(tokens.get(e.getKey())).stream()
                    .map(StoredNote::sourceUrl).filter(s -> s.startsWith("http://example.org/" + e.getKey() + "/"))
                    .toList();
            notes += sources.size();
            for (String link : e.getValue().links()) {
                long n = sources.stream().filter(link::equals).count();
                lost += n == 0 ? 1 : 0;
                duplicated += n > 1 ? (int) n - 1 : 0;
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        System.out.println("SIGKILL test: entries published=" + published + ", notes created=" + notes + ", lost="
                + lost + ", duplicated=" + duplicated + ", kills=" + KILLS + " (" + midDelivery
                + " with a delivery in flight), dropped-after-store faults=" + drops + ", createNote calls="
                + f.evernote.calls("createNote") + ", sync chunks read=" + f.evernote.calls("getFilteredSyncChunk")
                + ", searches=" + f.evernote.calls("findNotesMetadata")
                + ", " + seconds + " s");

        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(notes).isEqualTo(published);
        assertThat(midDelivery).as("kills that interrupted a delivery").isGreaterThanOrEqualTo(KILLS / 2);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(published);
    }
}
