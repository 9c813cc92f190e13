package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * A delivery that outlives its claim, through the real routes: while its createNote is being handled another holder
 * takes the item over. The late delivery records nothing; the item's next claim finds the note by its marker, so
 * there is one note, recorded and counted once.
 */
class FencedDeliveryTest {
    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        f.evernote.setSearchLag(Duration.ofMinutes(10));
        int user = f.addEvernoteUser("alice");
        f.admin.addTrigger(user, "alice", f.feeds.put("/alice", new Feeds("alice").add(1)), "", "", Feeds.CREATED);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void a_delivery_that_lost_its_claim_records_nothing_and_the_new_holder_finds_its_note() throws Exception {
        f.evernote.failNext("createNote", Fault.interleave(() -> {
            try {
                // another instance claimed the item (as if this delivery's lease had run out), for two seconds
                f.execute("UPDATE thc_outbox SET claimed_by = '4242@elsewhere', claim_no = claim_no + 1,"
                        + " claimed_until = now() + interval '2 seconds'");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));

        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("note written but the item's claim was lost")).hasSize(1);
            assertThat(log.lines("note found from an earlier attempt")).hasSize(1);
        }

        assertThat(f.evernote.calls("createNote")).isEqualTo(1);
        assertThat(f.evernote.notes("tok-alice")).hasSize(1);
        StoredNote note = f.evernote.notes("tok-alice").get(0);
        assertThat(f.queryString("SELECT state || ' ' || note_guid FROM thc_outbox")).isEqualTo("delivered " + note.guid());
        assertThat(f.queryInt("SELECT counter_ok FROM django_th_triggerservice")).isEqualTo(1);
    }
}
