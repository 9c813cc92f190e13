package org.triggerhappy.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.InstanceRepository;
import org.triggerhappy.camel.persistence.OutboxQueries;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerLeaseRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;
import org.triggerhappy.camel.pipeline.DeadHolders;
import org.triggerhappy.camel.pipeline.Heartbeat;
import org.triggerhappy.camel.pipeline.InFlight;
import org.triggerhappy.camel.pipeline.LeaseHolder;
import org.triggerhappy.camel.pipeline.OutboxSweeper;
import org.triggerhappy.camel.testsupport.BackgroundService;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Leases of instances that are gone are taken over without waiting for them to run out: a holder whose heartbeat
 * went silent (any machine), or whose process ended on this machine. A holder on another machine that merely
 * shares this host name is never taken for one of ours.
 */
class LeaseTakeoverTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    ServiceFixture f;
    int user;
    final LeaseHolder self = LeaseHolder.forThisProcess();

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dir, false);
        f.evernote.addAccount("tok", "u");
        user = f.admin.addUser("u", "");
        f.admin.setEvernoteToken(user, "tok");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private int trigger(String name) throws Exception {
        return f.admin.addTrigger(user, name, f.feeds.put("/" + name, Rss.feed()
                .item(name + "-1", name + " one", "http://example.org/" + name, NOW.minusSeconds(60), "<p>1</p>")
                .xml()), "NB", "", LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1));
    }

    /** This holder's text with another pid, host name or boot id. */
    private String like(long pid, String host, String bootId) {
        String s = self.toString();
        return pid + "@" + host + s.substring(s.indexOf(' ')).replaceFirst("boot=\\S*", "boot=" + bootId);
    }

    private static long endedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private void beatAgo(String holder, String ago) throws Exception {
        f.execute("INSERT INTO thc_instances (holder, host, boot_id, machine_id, pid, beat_at) VALUES ('" + holder
                + "', 'h', 'b', 'm', 1, now() - interval '" + ago + "')");
    }

    private void leaseTrigger(int triggerId, String holder) throws Exception {
        f.execute("INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at, claimed_until,"
                + " claimed_by) VALUES (" + triggerId + ", '', now(), now(), now() + interval '10 minutes', '"
                + holder + "') ON CONFLICT (trigger_id) DO UPDATE SET claimed_until = EXCLUDED.claimed_until,"
                + " claimed_by = EXCLUDED.claimed_by");
    }

    private String holderOf(int triggerId) throws Exception {
        return f.queryString("SELECT coalesce(claimed_by, '') FROM thc_feed_state WHERE trigger_id = " + triggerId);
    }

    @Test
    void gone_holders_lose_their_trigger_and_outbox_leases_and_a_same_named_host_keeps_its_own() throws Exception {
        String silent = like(777, "otherhost", "11111111-2222-3333-4444-555555555555");
        String twin = like(endedPid(), self.host(), "99999999-8888-7777-6666-555555555555");
        String twinWithoutBeat = like(endedPid(), self.host(), "aaaaaaaa-8888-7777-6666-555555555555");
        String endedHere = like(endedPid(), self.host(), self.bootId());
        beatAgo(silent, "1 minute");
        beatAgo(twin, "1 second");
        int t1 = trigger("silent");
        int t2 = trigger("twin");
        int t3 = trigger("twinnobeat");
        int t4 = trigger("endedhere");
        f.runOnce();
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(4);
        leaseTrigger(t1, silent);
        leaseTrigger(t2, twin);
        leaseTrigger(t3, twinWithoutBeat);
        leaseTrigger(t4, endedHere);
        // Their notes as if each holder had died (or not) in the middle of its delivery.
        f.execute("UPDATE thc_outbox SET state = 'pending', note_guid = NULL, delivered_at = NULL, ambiguous = false,"
                + " claimed_until = now() + interval '5 minutes', claimed_by = CASE trigger_id WHEN " + t1 + " THEN '"
                + silent + "' WHEN " + t2 + " THEN '" + twin + "' WHEN " + t3 + " THEN '" + twinWithoutBeat
                + "' ELSE '" + endedHere + "' END");

        InstanceRepository instances = new InstanceRepository(f.ds);
        DeadHolders dead = new DeadHolders(self, instances);
        new Heartbeat(instances, new TriggerLeaseRepository(f.ds), dead).beat();
        new OutboxSweeper(new OutboxRepository(f.ds), new OutboxQueries(f.ds), new UserPauseRepository(f.ds), new InFlight(), 100, dead).due();

        assertThat(holderOf(t1)).as("silent heartbeat, other machine").isEmpty();
        assertThat(holderOf(t4)).as("ended process on this machine").isEmpty();
        assertThat(holderOf(t2)).as("same host name, other boot, live heartbeat").isEqualTo(twin);
        assertThat(holderOf(t3)).as("same host name, other boot, no heartbeat: waits for the lease").isEqualTo(
                twinWithoutBeat);
        assertThat(f.queryString("SELECT string_agg(trigger_id::text, ',' ORDER BY trigger_id) FROM thc_outbox"
                + " WHERE claimed_by IS NULL AND ambiguous")).isEqualTo(t1 + "," + t4);
        assertThat(f.queryString("SELECT string_agg(trigger_id::text, ',' ORDER BY trigger_id) FROM thc_outbox"
                + " WHERE claimed_by IS NOT NULL")).isEqualTo(t2 + "," + t3);
        // This runtime's own beat is there, and a clean stop marks it gone at once.
        assertThat(f.queryInt("SELECT count(*) FROM thc_instances WHERE holder = '" + self + "'"
                + " AND beat_at > now() - interval '10 seconds'")).isEqualTo(1);
        new Heartbeat(instances, new TriggerLeaseRepository(f.ds), dead).stopped();
        assertThat(new DeadHolders(LeaseHolder.forThisProcess(), instances).among(java.util.List.of(self.toString())))
                .containsExactly(self.toString());
    }

    @Test
    void a_running_service_refreshes_the_triggers_of_a_silent_instance_without_waiting_for_the_lease()
            throws Exception {
        String silent = like(4242, "otherhost", "11111111-2222-3333-4444-555555555555");
        beatAgo(silent, "1 minute");
        int t = trigger("taken");
        leaseTrigger(t, silent);
        f.set("th.poll.interval", "1h").set("th.poll.tick", "1s");
        try (BackgroundService rt = BackgroundService.start(f.settings())) {
            // The lease has 10 minutes to run: the note comes from the takeover.
            await().atMost(Duration.ofSeconds(30)).until(() -> f.evernote.notes("tok").size() == 1);
        }
        assertThat(f.queryString("SELECT last_polled_by FROM thc_feed_state WHERE trigger_id = " + t))
                .doesNotContain("4242@");
    }
}
