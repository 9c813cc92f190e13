package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.entries.EntryKeys;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.pipeline.NewEntryPlan.Fate;

/** The boundaries of the flood guard and of the per-poll cap. */
class NewEntryPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant LAST_POLL = NOW.minus(1, ChronoUnit.HOURS);
    private static final FirstPollWindow WINDOW = new FirstPollWindow(NOW.minus(2, ChronoUnit.DAYS), NOW);

    /** n entries dated a day before the last poll, i hours apart (older as i grows). */
    private static List<KeyedEntry> old(int n) {
        List<FeedEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new FeedEntry("g" + i, "http://example.org/" + i, "t" + i, "<p>x</p>",
                    LAST_POLL.minus(24 + i, ChronoUnit.HOURS), null));
        }
        return EntryKeys.assign(entries);
    }

    private static NewEntryPlan later(List<KeyedEntry> fresh, int feedSize, boolean backlog) {
        return NewEntryPlan.of(fresh, feedSize, false, WINDOW, NOW, LAST_POLL, true, backlog, 500);
    }

    @Test
    void a_flood_needs_twenty_new_entries_and_more_than_half_of_the_feed() {
        assertThat(later(old(19), 19, false).flood()).isFalse();
        assertThat(later(old(20), 39, false).flood()).isTrue();
        assertThat(later(old(20), 39, false).count(Fate.SEEN)).isEqualTo(20);
        assertThat(later(old(20), 40, false).flood()).as("exactly half is not more than half").isFalse();
        assertThat(later(old(20), 40, false).count(Fate.QUEUE)).isEqualTo(20);
        assertThat(later(old(30), 30, true).flood()).as("the rest of a capped poll is no flood").isFalse();
        assertThat(NewEntryPlan.of(old(30), 30, false, WINDOW, NOW, LAST_POLL, false, false, 500).flood())
                .as("guard off").isFalse();
    }

    @Test
    void the_cap_keeps_the_oldest_and_leaves_the_newest_and_undated_for_later() {
        List<FeedEntry> entries = new ArrayList<>();
        entries.add(new FeedEntry("undated", "http://example.org/u", "u", "<p>x</p>", null, null));
        for (int i = 0; i < 5; i++) {
            entries.add(new FeedEntry("d" + i, "http://example.org/d" + i, "d" + i, "<p>x</p>",
                    NOW.minus(i, ChronoUnit.HOURS), null));
        }
        NewEntryPlan plan = NewEntryPlan.of(EntryKeys.assign(entries), 6, false, WINDOW, NOW, LAST_POLL, true, false, 3);
        List<String> queued = plan.decisions().stream().filter(d -> d.fate() == Fate.QUEUE)
                .map(d -> d.entry().entry().guid()).toList();
        assertThat(queued).containsExactlyInAnyOrder("d4", "d3", "d2");
        assertThat(plan.count(Fate.LATER)).isEqualTo(3);
    }

    @Test
    void a_first_poll_queues_the_window_waits_for_the_future_and_records_the_rest() {
        List<FeedEntry> entries = List.of(
                new FeedEntry("in", "http://example.org/1", "in", "<p>x</p>", NOW.minus(1, ChronoUnit.HOURS), null),
                new FeedEntry("future", "http://example.org/2", "f", "<p>x</p>", NOW.plusSeconds(60), null),
                new FeedEntry("old", "http://example.org/3", "o", "<p>x</p>", NOW.minus(9, ChronoUnit.DAYS), null),
                new FeedEntry("undated", "http://example.org/4", "u", "<p>x</p>", null, null));
        NewEntryPlan plan = NewEntryPlan.of(EntryKeys.assign(entries), 4, true, WINDOW, NOW, null, true, false, 500);
        assertThat(plan.decisions()).extracting(NewEntryPlan.Decision::fate)
                .containsExactly(Fate.QUEUE, Fate.WAIT, Fate.SEEN, Fate.SEEN);
    }
}
