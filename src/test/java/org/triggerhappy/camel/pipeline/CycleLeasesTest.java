package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.PollRecords;
import org.triggerhappy.camel.persistence.FeedStateRepository.Unchanged;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Chunked trigger leases on a real PostgreSQL: shared fairly between two owners, never one trigger twice. */
class CycleLeasesTest {
    @TempDir
    java.nio.file.Path dir;
    private ServiceFixture fx;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fx = new ServiceFixture(dir, false);
        int user = fx.admin.addUser("claims", "claims@example.org");
        for (int i = 0; i < 40; i++) {
            int id = fx.admin.addTrigger(user, "t" + i, "http://127.0.0.1:9/f" + i + ".xml", "", "",
                    LocalDate.of(2026, 1, 1));
            Map<String, Object> row = new HashMap<>();
            row.put("trigger_id", id);
            row.put("user_id", user);
            row.put("feed_url", "http://127.0.0.1:9/f" + i + ".xml");
            rows.add(row);
        }
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private List<DueTrigger> cycle(String owner, int chunk) {
        return CycleLeases.forCycle(fx.ds, owner, Duration.ofMinutes(2), false, Instant.now(), chunk, rows);
    }

    @Test
    void a_worker_leases_its_trigger_and_the_next_ones_in_one_go_and_each_is_handed_out_once() throws Exception {
        List<DueTrigger> due = cycle("a", 8);
        assertThat(due.get(0).claim()).isPresent();
        // The first claim leased triggers 0..7 at once.
        assertThat(fx.queryInt("SELECT count(*) FROM thc_feed_state WHERE claimed_by = 'a'")).isEqualTo(8);
        for (int i = 1; i < 8; i++) {
            assertThat(due.get(i).claim()).as("trigger %d", i).isPresent();
        }
        assertThat(fx.queryInt("SELECT count(*) FROM thc_feed_state WHERE claimed_by = 'a'")).isEqualTo(8);
        assertThat(due.get(8).claim()).isPresent();
        assertThat(fx.queryInt("SELECT count(*) FROM thc_feed_state WHERE claimed_by = 'a'")).isEqualTo(16);
    }

    @Test
    void two_owners_walking_the_same_list_in_turn_share_it_and_never_get_one_trigger_twice() throws Exception {
        List<DueTrigger> a = cycle("a", 4);
        List<DueTrigger> b = cycle("b", 4);
        Set<Integer> gotA = new HashSet<>();
        Set<Integer> gotB = new HashSet<>();
        // Interleaved like two instances' workers: a takes 0..3, b finds them taken and takes 4..7, and so on.
        for (int i = 0; i < rows.size(); i++) {
            List<DueTrigger> mine = (i / 4) % 2 == 0 ? a : b;
            Set<Integer> got = mine == a ? gotA : gotB;
            mine.get(i).claim().ifPresent(s -> got.add(s.triggerId()));
            List<DueTrigger> other = mine == a ? b : a;
            Set<Integer> otherGot = mine == a ? gotB : gotA;
            other.get(i).claim().ifPresent(s -> otherGot.add(s.triggerId()));
        }
        assertThat(gotA).doesNotContainAnyElementsOf(gotB);
        assertThat(gotA.size() + gotB.size()).isEqualTo(rows.size());
        assertThat(gotA).hasSize(20);
        assertThat(gotB).hasSize(20);
    }

    @Test
    void a_trigger_recorded_unchanged_is_not_due_and_its_lease_is_gone() throws Exception {
        List<DueTrigger> due = cycle("a", 40);
        List<Unchanged> polls = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < rows.size(); i++) {
            int id = due.get(i).claim().orElseThrow().triggerId();
            polls.add(new Unchanged(id, now, now.plusSeconds(600), "\"e" + i + "\"", null, "304"));
        }
        new PollRecords(fx.ds).recordUnchanged(polls);
        assertThat(fx.queryInt("SELECT count(*) FROM thc_feed_state WHERE claimed_until IS NULL AND last_status = '304'"
                + " AND next_check_at > now() AND last_polled_by = 'a' AND etag LIKE '\"e%'")).isEqualTo(40);
        assertThat(fx.queryInt("SELECT count(*) FROM django_th_triggerservice WHERE date_triggered IS NOT NULL"))
                .isEqualTo(40);
        // Not due any more: a new cycle gets none of them.
        List<DueTrigger> again = cycle("b", 8);
        AtomicInteger got = new AtomicInteger();
        for (int i = 0; i < rows.size(); i++) {
            again.get(i).claim().ifPresent(s -> got.incrementAndGet());
        }
        assertThat(got.get()).isZero();
    }

    @Test
    void an_unreadable_row_is_skipped_and_the_others_are_still_handed_out() throws Exception {
        Map<String, Object> broken = new HashMap<>(rows.get(3));
        broken.put("feed_url", null);
        rows.set(3, broken);
        List<DueTrigger> due = cycle("a", 8);
        assertThat(due).hasSize(39);
        assertThat(due).extracting(d -> d.trigger().triggerId()).doesNotContain((Integer) broken.get("trigger_id"));
        for (int i = 0; i < due.size(); i++) {
            assertThat(due.get(i).claim()).as("trigger %d", i).isPresent();
        }
    }

    @Test
    void a_database_error_leaves_the_chunk_for_the_next_worker() throws Exception {
        List<DueTrigger> due = cycle("a", 8);
        try (Connection c = fx.ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE thc_feed_state RENAME TO thc_feed_state_away");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> due.get(0).claim())
                .isInstanceOf(RuntimeException.class);
        try (Connection c = fx.ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE thc_feed_state_away RENAME TO thc_feed_state");
        }
        // The next worker claims its own chunk (1..8) and gets its trigger.
        assertThat(due.get(1).claim()).isPresent();
        assertThat(fx.queryInt("SELECT count(*) FROM thc_feed_state WHERE claimed_by = 'a'")).isEqualTo(8);
    }
}
