package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.pipeline.LeaseHolder;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * A delivery interrupted between claiming its outbox item and recording the outcome (the process was killed, or
 * its lease ran out): the next run resumes it at once when the holder is provably gone, and in every case looks
 * for the note the interrupted attempt may have stored before writing one.
 */
class InterruptedDeliveryTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(java.time.Duration.ofMinutes(10)); // Evernote's search index lags; sync does not
        alice = f.addEvernoteUser("alice");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** The lease holder text of a process on this machine that has ended. */
    static String deadHolder() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String self = LeaseHolder.forThisProcess().toString();
        return p.pid() + self.substring(self.indexOf('@'));
    }

    @Test
    void deliveries_of_a_killed_process_resume_at_once_and_find_the_notes_it_stored() throws Exception {
        Feeds stored = new Feeds("stored");
        Feeds lost = new Feeds("lost");
        Feeds expired = new Feeds("expired");
        int t1 = f.admin.addTrigger(alice, "stored", f.feeds.put("/stored", stored.add(1)), "Keep", "", Feeds.CREATED);
        int t2 = f.admin.addTrigger(alice, "lost", f.feeds.put("/lost", lost.add(1)), "Gone", "", Feeds.CREATED);
        int t3 = f.admin.addTrigger(alice, "expired", f.feeds.put("/expired", expired.add(1)), "Keep", "", Feeds.CREATED);
        f.runOnce();
        Map<String, String> guids = f.evernote.notes("tok-alice").stream()
                .collect(Collectors.toMap(StoredNote::sourceUrl, StoredNote::guid));
        assertThat(guids).hasSize(3);

        // As if the service had died mid-delivery: t1's and t3's notes were stored, t2's was not (its notebook and
        // note are gone). t1 and t2 are leased by the dead process; t3 by an unknown holder whose lease ran out.
        f.evernote.deleteNotebook("tok-alice", "Gone");
        f.execute("UPDATE thc_outbox SET state = 'pending', note_guid = NULL, delivered_at = NULL, ambiguous = false");
        f.execute("UPDATE thc_outbox SET claimed_by = '" + deadHolder() + "',"
                + " claimed_until = now() + interval '5 minutes' WHERE trigger_id IN (" + t1 + ", " + t2 + ")");
        f.execute("UPDATE thc_outbox SET claimed_by = '4242@elsewhere', claimed_until = now() - interval '1 second'"
                + " WHERE trigger_id = " + t3);
        int createsBefore = f.evernote.calls("createNote");

        OnceSummary s;
        try (LogCapture log = new LogCapture()) {
            s = f.runOnce();
            assertThat(log.lines("resuming interrupted deliveries count=2")).hasSize(1);
            assertThat(log.lines("note found from an earlier attempt")).hasSize(2);
        }

        assertThat(s.duration()).as("the dead process's leases were not waited out").isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(f.evernote.calls("createNote") - createsBefore).as("only the note never stored is written").isEqualTo(1);
        List<StoredNote> notes = f.evernote.notes("tok-alice");
        assertThat(notes).extracting(StoredNote::sourceUrl).containsExactlyInAnyOrder(
                stored.links().get(0), lost.links().get(0), expired.links().get(0));
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(3);
        assertThat(f.queryString("SELECT note_guid FROM thc_outbox WHERE trigger_id = " + t1))
                .isEqualTo(guids.get(stored.links().get(0)));
        assertThat(f.queryString("SELECT note_guid FROM thc_outbox WHERE trigger_id = " + t3))
                .isEqualTo(guids.get(expired.links().get(0)));
    }

    @Test
    void only_a_holder_that_provably_ended_counts_as_dead() throws Exception {
        LeaseHolder self = LeaseHolder.forThisProcess();
        String text = self.toString();
        String rest = text.substring(text.indexOf('@'));
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(self.provesDead(deadHolder())).as("ended process on this machine").isTrue();
            assertThat(self.provesDead(sleeper.pid() + rest.replaceFirst("start=\\d+", "start=1000")))
                    .as("its process id now belongs to a later process").isTrue();
            assertThat(self.provesDead(LeaseHolder.forThisProcess().toString())).as("another runtime of this JVM").isFalse();
            assertThat(self.provesDead(sleeper.pid() + rest.replaceFirst("start=\\d+", "start="
                    + sleeper.info().startInstant().orElseThrow().toEpochMilli()))).as("live process").isFalse();
            String dead = deadHolder();
            assertThat(self.provesDead(dead.replaceFirst("@\\S+ ", "@elsewhere "))).as("other host").isFalse();
            assertThat(self.provesDead(dead.replaceFirst("boot=\\S+", "boot=another-machine")))
                    .as("same host name, another machine (or another boot)").isFalse();
            assertThat(self.provesDead(dead.replaceFirst(" boot=\\S+ machine=\\S*", "")))
                    .as("written before boot ids were recorded").isFalse();
            assertThat(self.provesDead(dead.replaceFirst("pidns=\\S+", "pidns=pid:[1]"))).as("other container").isFalse();
            assertThat(self.provesDead("12345@host")).as("unknown format").isFalse();
            assertThat(self.provesDead(null)).isFalse();
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
