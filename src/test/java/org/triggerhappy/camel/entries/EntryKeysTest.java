package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryKeysTest {

    private static FeedEntry e(String guid, String link, String title, String content) {
        return new FeedEntry(guid, link, title, content, null, null);
    }

    /** Simulates the ledger across polls: record what is new, return the titles found new. */
    private static List<String> poll(Map<String, String> ledger, FeedEntry... entries) {
        List<KeyedEntry> keyed = EntryKeys.assign(List.of(entries));
        Map<String, String> found = new HashMap<>();
        for (String k : LedgerMatch.candidateKeys(keyed)) {
            if (ledger.containsKey(k)) {
                found.put(k, ledger.get(k));
            }
        }
        List<String> fresh = new java.util.ArrayList<>();
        for (KeyedEntry k : keyed) {
            if (!LedgerMatch.isKnown(k, found)) {
                fresh.add(k.entry().title());
                ledger.put(k.ledgerKey(), k.suffix());
            }
        }
        return fresh;
    }

    @Test
    void key_prefers_guid_then_link_then_content_hash() {
        KeyedEntry byGuid = EntryKeys.assign(List.of(e("g1", "http://a/1", "t", "c"))).get(0);
        KeyedEntry sameGuidOtherLink = EntryKeys.assign(List.of(e("g1", "http://a/2", "t2", "c2"))).get(0);
        KeyedEntry byLink = EntryKeys.assign(List.of(e(null, "http://a/1", "t", "c"))).get(0);
        KeyedEntry byHash = EntryKeys.assign(List.of(e(null, null, "t", "c"))).get(0);
        assertThat(byGuid.baseKey()).isEqualTo(sameGuidOtherLink.baseKey());
        assertThat(byGuid.baseKey()).isNotEqualTo(byLink.baseKey());
        assertThat(byLink.baseKey()).isNotEqualTo(byHash.baseKey());
        assertThat(byGuid.baseKey()).hasSize(64);
    }

    @Test
    void edited_title_or_content_keeps_the_entry_known() {
        Map<String, String> ledger = new HashMap<>();
        assertThat(poll(ledger, e("g1", "http://a/1", "First", "body"))).containsExactly("First");
        assertThat(poll(ledger, e("g1", "http://a/1", "First (updated)", "body, edited"))).isEmpty();
        // without guid, the link is the identity
        assertThat(poll(ledger, e(null, "http://a/9", "Linked", "x"))).containsExactly("Linked");
        assertThat(poll(ledger, e(null, "http://a/9", "Linked, renamed", "y"))).isEmpty();
    }

    @Test
    void repeated_guids_in_one_document_are_all_delivered_once() {
        Map<String, String> ledger = new HashMap<>();
        FeedEntry a = e("same", "http://a/1", "A", "a");
        FeedEntry b = e("same", "http://a/2", "B", "b");
        FeedEntry c = e("same", "http://a/3", "C", "c");
        assertThat(poll(ledger, a, b, c)).containsExactly("A", "B", "C");
        assertThat(poll(ledger, a, b, c)).isEmpty();
        assertThat(poll(ledger, c, a)).isEmpty();
    }

    @Test
    void an_entry_keeps_its_identity_when_another_with_its_guid_appears_or_leaves() {
        Map<String, String> ledger = new HashMap<>();
        FeedEntry a = e("same", "http://a/1", "A", "a");
        FeedEntry b = e("same", "http://a/2", "B", "b");
        assertThat(poll(ledger, a)).containsExactly("A");
        // b appears (newest first, as feeds list them): only b is new, a is still known
        assertThat(poll(ledger, b, a)).containsExactly("B");
        // a leaves: b alone is still known
        assertThat(poll(ledger, b)).isEmpty();
        // a comes back alone
        assertThat(poll(ledger, a)).isEmpty();
    }

    @Test
    void identical_guid_and_no_link_are_told_apart_by_content() {
        Map<String, String> ledger = new HashMap<>();
        assertThat(poll(ledger, e("x", null, "One", "1"), e("x", null, "Two", "2"))).containsExactly("One", "Two");
        assertThat(poll(ledger, e("x", null, "Two", "2"), e("x", null, "One", "1"))).isEmpty();
    }

    @Test
    void exact_repeats_in_one_document_collapse_to_one() {
        FeedEntry a = e("g", "http://a/1", "A", "a");
        assertThat(EntryKeys.assign(List.of(a, a))).hasSize(1);
        FeedEntry undated = e(null, null, "same", "same");
        assertThat(EntryKeys.assign(List.of(undated, e(null, null, "same", "same")))).hasSize(1);
    }

    @Test
    void blank_guid_counts_as_absent() {
        KeyedEntry blank = EntryKeys.assign(List.of(e("  ", "http://a/1", "t", "c"))).get(0);
        KeyedEntry none = EntryKeys.assign(List.of(e(null, "http://a/1", "t", "c"))).get(0);
        assertThat(blank.baseKey()).isEqualTo(none.baseKey());
    }
}
