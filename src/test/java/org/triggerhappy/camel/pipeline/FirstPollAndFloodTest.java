package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Item 6 of issue 11 through the real routes: a future-dated entry of a first poll is delivered once its date has
 * passed, and a poll where most of the feed is suddenly new delivers only what is newer than the last poll.
 */
class FirstPollAndFloodTest extends SingleUserPipeline {
    @Test
    void a_future_entry_of_the_first_poll_waits_for_its_date_then_is_delivered_once() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant soon = now.plusSeconds(15);
        f.admin.addTrigger(user, "Scheduled", f.feeds.put("/s", Rss.feed()
                .item("s-now", "Published", "http://example.org/s/1", now.minus(1, ChronoUnit.HOURS), "<p>now</p>")
                .item("s-soon", "Scheduled soon", "http://example.org/s/2", soon, "<p>soon</p>")
                .item("s-later", "Scheduled later", "http://example.org/s/3", now.plus(2, ChronoUnit.DAYS), "<p>later</p>")
                .item("s-old", "Old", "http://example.org/s/4", now.minus(20, ChronoUnit.DAYS), "<p>old</p>")
                .xml()), "", "", ServiceFixture.twoDaysAgo());

        f.runOnce();
        assertThat(titles()).containsExactly("Published");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending' AND deliver_after IS NOT NULL"))
                .as("both future entries wait in the outbox").isEqualTo(2);
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE queued")).isEqualTo(3);

        long untilDue = Duration.between(Instant.now(), soon).toMillis();
        assertThat(untilDue).as("the first run must end before the entry is due for this test to mean anything")
                .isPositive();
        Thread.sleep(untilDue + 1000);
        f.runOnce();
        assertThat(titles()).containsExactly("Published", "Scheduled soon");

        f.runOnce();
        assertThat(titles()).as("delivered once, the later one still waits")
                .containsExactly("Published", "Scheduled soon");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending'")).isEqualTo(1);
    }

    @Test
    void a_feed_whose_every_guid_changed_delivers_only_entries_newer_than_the_last_poll() throws Exception {
        String url = f.feeds.put("/flood", sameEntries("g", 30, null).xml());
        f.admin.addTrigger(user, "Flood", url, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        assertThat(titles()).as("first poll: every entry is older than the trigger").isEmpty();

        Instant fresh = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        f.feeds.put("/flood", sameEntries("h", 30, fresh).xml());
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("flood guard")).hasSize(1);
            assertThat(log.lines("flood guard").get(0)).contains("new=32").contains("delivered=2");
        }
        assertThat(titles()).containsExactly("Really new 1", "Really new 2");
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry")).isEqualTo(62);

        f.runOnce();
        assertThat(titles()).as("the re-keyed entries were recorded as seen").hasSize(2);
    }

    @Test
    void with_the_guard_off_every_new_entry_is_delivered() throws Exception {
        f.set("th.flood.guard", "false");
        String url = f.feeds.put("/flood", sameEntries("g", 30, null).xml());
        f.admin.addTrigger(user, "Flood", url, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        f.feeds.put("/flood", sameEntries("h", 30, Instant.now().plusSeconds(2)).xml());
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("flood guard")).isEmpty();
        }
        assertThat(titles()).hasSize(32);
    }

    @Test
    void a_few_new_entries_are_never_a_flood() throws Exception {
        String url = f.feeds.put("/small", sameEntries("g", 10, null).xml());
        f.admin.addTrigger(user, "Small", url, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        f.feeds.put("/small", sameEntries("h", 10, null).xml());
        f.runOnce();
        assertThat(titles()).as("fewer than 20 new entries: all delivered, old dates or not").hasSize(10);
    }

    /** {@code n} entries dated 5 days ago and older under guids {@code prefix-i}, plus two dated {@code fresh}. */
    private static Rss sameEntries(String prefix, int n, Instant fresh) {
        Rss rss = Rss.feed();
        if (fresh != null) {
            rss.item("new-1", "Really new 1", "http://example.org/new/1", fresh, "<p>new</p>");
            rss.item("new-2", "Really new 2", "http://example.org/new/2", fresh, "<p>new</p>");
        }
        Instant base = Instant.now().minus(5, ChronoUnit.DAYS);
        for (int i = 0; i < n; i++) {
            rss.item(prefix + "-" + i, "Entry " + i, "http://example.org/e/" + i, base.minus(i, ChronoUnit.HOURS),
                    "<p>entry " + i + "</p>");
        }
        return rss;
    }
}
