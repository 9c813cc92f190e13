package org.triggerhappy.camel.entries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Gives each entry of a document its ledger identity (after Miniflux and FreshRSS): guid/id, else
 * link, else a hash of title and content. Entries that share that identity inside one document (publishers do
 * repeat GUIDs) are told apart by a suffix computed from the entry alone (its link, else title and content), so an
 * entry's identity never depends on which other entries happen to be in the feed; see {@link LedgerMatch}.
 * Exact repeats (same identity and suffix) are collapsed to their first occurrence.
 */
public final class EntryKeys {
    private EntryKeys() {
    }

    public static List<KeyedEntry> assign(List<FeedEntry> entries) {
        return assign(entries, Hashes::sha256Hex);
    }

    /**
     * Linear in the number of entries: two hashes per entry, and whether a base key is shared by entries with
     * different suffixes is tracked as the entries go by, so a feed whose items all share one guid costs what any
     * other feed of its size costs.
     */
    static List<KeyedEntry> assign(List<FeedEntry> entries, UnaryOperator<String> sha256Hex) {
        int n = entries.size();
        String[] bases = new String[n];
        String[] suffixes = new String[n];
        Map<String, String> firstSuffix = new HashMap<>();
        Set<String> groupedBases = new HashSet<>();
        for (int i = 0; i < n; i++) {
            FeedEntry e = entries.get(i);
            bases[i] = sha256Hex.apply(baseMaterial(e));
            suffixes[i] = sha256Hex.apply(suffixMaterial(e)).substring(0, 16);
            String first = firstSuffix.putIfAbsent(bases[i], suffixes[i]);
            if (first != null && !first.equals(suffixes[i])) {
                groupedBases.add(bases[i]);
            }
        }
        List<KeyedEntry> out = new ArrayList<>(n);
        Set<String> emitted = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!emitted.add(bases[i] + "#" + suffixes[i])) {
                continue; // an exact repeat inside the same document
            }
            out.add(new KeyedEntry(entries.get(i), bases[i], suffixes[i], groupedBases.contains(bases[i])));
        }
        return out;
    }

    static String baseMaterial(FeedEntry e) {
        if (e.guid() != null && !e.guid().isBlank()) {
            return "guid:" + e.guid().trim();
        }
        if (e.link() != null && !e.link().isBlank()) {
            return "link:" + e.link().trim();
        }
        return "hash:" + titleAndContent(e);
    }

    private static String suffixMaterial(FeedEntry e) {
        boolean hasGuid = e.guid() != null && !e.guid().isBlank();
        return hasGuid && e.link() != null && !e.link().isBlank()
                ? "link:" + e.link().trim()
                : "hash:" + titleAndContent(e);
    }

    private static String titleAndContent(FeedEntry e) {
        return nz(e.title()) + "\n" + nz(e.contentHtml());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
