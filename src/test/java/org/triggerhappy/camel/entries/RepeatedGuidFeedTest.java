package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Hostile repeats (issue 11 item 7): a 15 MB feed whose 50,000 items all carry one guid. The keys are asserted on
 * the work done (hashes per entry), not on a clock: quadratic grouping would hash each entry once per other entry.
 */
class RepeatedGuidFeedTest {

    private static final int ITEMS = 50_000;
    private static final String FEED_URL = "https://hostile.example.org/feed.xml";

    @Test
    void fifty_thousand_items_with_one_guid_get_distinct_stable_keys_in_linear_work() throws Exception {
        byte[] xml = feed();
        assertThat(xml.length).isGreaterThan(15_000_000);
        List<FeedEntry> entries = new FeedParser().parse(xml, "application/rss+xml", FEED_URL).entries();
        assertThat(entries).hasSize(ITEMS).allSatisfy(e -> assertThat(e.guid()).isEqualTo("the-one-guid"));

        AtomicLong hashes = new AtomicLong();
        UnaryOperator<String> counting = s -> {
            hashes.incrementAndGet();
            return Hashes.sha256Hex(s);
        };
        List<KeyedEntry> keyed = EntryKeys.assign(entries, counting);

        assertThat(hashes.get()).isEqualTo(2L * ITEMS);
        assertThat(keyed).hasSize(ITEMS).allSatisfy(k -> assertThat(k.grouped()).isTrue());
        assertThat(keyed.stream().map(KeyedEntry::ledgerKey).distinct().count()).isEqualTo(ITEMS);

        // Stable: the same document keys the same, and an entry keeps its key in a feed of only a few of them.
        List<KeyedEntry> again = EntryKeys.assign(entries);
        for (int i = 0; i < ITEMS; i += 997) {
            assertThat(again.get(i).ledgerKey()).isEqualTo(keyed.get(i).ledgerKey());
        }
        List<KeyedEntry> few = EntryKeys.assign(List.of(entries.get(7), entries.get(ITEMS - 1)));
        assertThat(few.get(0).ledgerKey()).isEqualTo(keyed.get(7).ledgerKey());
        assertThat(few.get(1).ledgerKey()).isEqualTo(keyed.get(ITEMS - 1).ledgerKey());

        // Recorded once, the whole feed is known at the next poll.
        Map<String, String> ledger = new HashMap<>();
        keyed.forEach(k -> ledger.put(k.ledgerKey(), k.suffix()));
        Map<String, String> found = new HashMap<>();
        for (String key : LedgerMatch.candidateKeys(again)) {
            if (ledger.containsKey(key)) {
                found.put(key, ledger.get(key));
            }
        }
        assertThat(again).allMatch(k -> LedgerMatch.isKnown(k, found));
    }

    private static byte[] feed() {
        ByteArrayOutputStream xml = new ByteArrayOutputStream(ITEMS * 320);
        write(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>hostile</title><link>https://hostile.example.org/</link><description>d</description>");
        String padding = "x".repeat(120);
        for (int i = 0; i < ITEMS; i++) {
            write(xml, "<item><title>Item " + i + "</title><link>/p/" + i + "</link><guid>the-one-guid</guid>"
                    + "<pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>"
                    + "<description>&lt;p&gt;Body " + i + " " + padding + "&lt;/p&gt;</description></item>");
        }
        write(xml, "</channel></rss>");
        return xml.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
