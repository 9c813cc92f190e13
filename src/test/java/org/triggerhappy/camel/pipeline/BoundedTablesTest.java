package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Item 8 of issue 11 through the real routes: delivered rows lose their content, the ledger forgets entries gone
 * from their feed for TH_LEDGER_RETENTION (never those still in it), and TH_MAX_NEW_PER_POLL leaves the rest of a
 * big batch for the next polls without losing or doubling any.
 */
class BoundedTablesTest extends SingleUserPipeline {
    private static Rss feed(String... guids) {
        Rss rss = Rss.feed();
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS);
        for (String g : guids) {
            rss.item(g, "Entry " + g, "http://example.org/" + g, base, "<p>body of " + g + "</p>");
        }
        return rss;
    }

    @Test
    void a_delivered_row_keeps_its_identity_but_not_its_content() throws Exception {
        String url = f.feeds.put("/d", feed("a", "b").item("later", "Later", "http://example.org/later",
                Instant.now().plus(3, ChronoUnit.DAYS), "<p>later</p>").xml());
        f.admin.addTrigger(user, "D", url, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        assertThat(titles()).containsExactly("Entry a", "Entry b");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox o WHERE state = 'delivered'"
                + " AND NOT EXISTS (SELECT 1 FROM thc_outbox_payload b WHERE b.outbox_id = o.id)"
                + " AND note_guid IS NOT NULL AND title IS NOT NULL AND entry_key IS NOT NULL"
                + " AND delivered_at IS NOT NULL")).isEqualTo(2);
        assertThat(f.queryString("SELECT b.content FROM thc_outbox o JOIN thc_outbox_payload b ON b.outbox_id = o.id"
                + " WHERE o.state = 'pending'")).as("an entry still to deliver keeps its content").contains("later");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox_payload")).as("no other payload is left").isEqualTo(1);
    }

    @Test
    void keys_gone_from_the_feed_for_the_retention_are_pruned_and_keys_still_in_it_never() throws Exception {
        String url = f.feeds.put("/p", feed("a", "b", "c").xml());
        int trigger = f.admin.addTrigger(user, "P", url, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        // As if that first run was 200 days ago.
        f.execute("UPDATE thc_entry SET last_seen_at = last_seen_at - interval '200 days',"
                + " first_seen_at = first_seen_at - interval '200 days'");
        f.execute("UPDATE thc_feed_state SET last_parsed_at = last_parsed_at - interval '200 days'");
        f.execute("UPDATE thc_outbox SET delivered_at = delivered_at - interval '200 days'");

        f.feeds.put("/p", feed("b", "c", "d").xml());
        f.runOnce();
        assertThat(titles()).as("b and c were still in the feed: not forgotten, not new")
                .containsExactly("Entry a", "Entry b", "Entry c", "Entry d");
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE last_seen_at > now() - interval '1 hour'"))
                .as("b and c touched by the reading, d new").isEqualTo(3);

        try (LogCapture log = new LogCapture()) {
            f.runOnce(); // the housekeeping timer runs at start
            assertThat(log.lines("ledger pruned keys=1")).hasSize(1);
        }
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE trigger_id = " + trigger)).isEqualTo(3);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE title = 'Entry a'"))
                .as("the delivered row of a forgotten key goes with it").isZero();
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox")).isEqualTo(3);

        f.feeds.put("/p", feed("b", "c", "d", "e").xml());
        f.runOnce();
        assertThat(titles()).containsExactly("Entry a", "Entry b", "Entry c", "Entry d", "Entry e");
    }

    @Test
    void a_big_first_poll_is_delivered_over_several_polls_none_lost_none_twice() throws Exception {
        f.set("th.max.new.per.poll", "15");
        String[] guids = new String[45];
        for (int i = 0; i < guids.length; i++) {
            guids[i] = "e" + i;
        }
        String url = f.feeds.put("/big", feed(guids).xml());
        f.admin.addTrigger(user, "Big", url, "", "", ServiceFixture.twoDaysAgo());
        try (LogCapture log = new LogCapture()) {
            f.runOnce();
            assertThat(log.lines("left_for_next_poll=30")).hasSize(1);
        }
        assertThat(titles()).hasSize(15);
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry")).as("the rest is not recorded as seen").isEqualTo(15);

        // Same document, and most of it new to the ledger: a backlog, not a flood.
        f.runOnce();
        assertThat(titles()).hasSize(30);
        f.runOnce();
        assertThat(titles()).hasSize(45);
        f.runOnce();
        assertThat(titles()).hasSize(45).doesNotHaveDuplicates();
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry")).isEqualTo(45);
    }
}
