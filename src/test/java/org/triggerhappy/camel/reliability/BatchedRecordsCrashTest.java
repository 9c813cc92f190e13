package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * The notes of a user's lane are recorded together, after they were written: a process killed (SIGKILL) between
 * the notes and their record leaves them pending under its leases. The next run finds each of them by its marker
 * instead of writing it again, and counts each note once on django-th's trigger and service.
 */
class BatchedRecordsCrashTest {
    private static final int ENTRIES = 6;

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(Duration.ofMinutes(10)); // Evernote's search index lags; sync does not
        alice = f.addEvernoteUser("alice");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void notes_written_but_not_recorded_when_the_process_dies_are_found_not_written_again() throws Exception {
        Feeds feed = new Feeds("batch");
        int trigger = f.admin.addTrigger(alice, "batch", f.feeds.put("/batch", feed.add(ENTRIES)), "", "",
                Feeds.CREATED);
        // Three quick notes, then one that Evernote takes seconds over: the process is killed during it, before
        // the lane records the three (its batch ends with the turn, or after a few seconds).
        for (int i = 0; i < 3; i++) {
            f.evernote.failNext("createNote", Fault.delay(Duration.ZERO));
        }
        f.evernote.failNext("createNote", Fault.delay(Duration.ofSeconds(3)));
        Map<String, String> env = f.processEnv(dataDir);
        env.put("TH_SINK", "evernote");
        try (ServiceProcess service = ServiceProcess.start(env, dataDir.resolve("service.log"))) {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> f.evernote.calls("createNote") >= 4 || !service.isAlive());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no fourth createNote within 30 s; service log:\n" + service.tail(40), e);
            }
            assertThat(service.isAlive()).as(service.tail(40)).isTrue();
            service.kill();
        }
        // The fourth request reached Evernote before the kill: it is stored once its delay is over.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> f.evernote.notes("tok-alice").size() == 4);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending' AND claimed_until > now()"))
                .as("written notes whose record was still to come").isGreaterThanOrEqualTo(3);
        int createsBefore = f.evernote.calls("createNote");

        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("note found from an earlier attempt").size()).isGreaterThanOrEqualTo(3);
        }

        assertThat(f.evernote.calls("createNote") - createsBefore).as("only the notes never written are written")
                .isEqualTo(ENTRIES - 4);
        List<StoredNote> notes = f.evernote.notes("tok-alice");
        assertThat(notes).extracting(StoredNote::sourceUrl).containsExactlyInAnyOrderElementsOf(feed.links());
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'delivered'")).isEqualTo(ENTRIES);
        assertThat(f.queryInt("SELECT count(DISTINCT note_guid) FROM thc_outbox")).isEqualTo(ENTRIES);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox_payload")).isZero();
        assertThat(f.queryInt("SELECT counter_ok FROM django_th_triggerservice WHERE id = " + trigger))
                .isEqualTo(ENTRIES);
        assertThat(f.queryInt("SELECT s.counter_ok FROM django_th_userservice s JOIN django_th_triggerservice t"
                + " ON t.consumer_id = s.id WHERE t.id = " + trigger)).isEqualTo(ENTRIES);
    }
}
