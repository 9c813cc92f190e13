package org.triggerhappy.camel.entries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each entry of a document its ledger identity (feeds.md D, after Miniflux and FreshRSS): guid/id, else
 * link, else a hash of title and content. Entries that share that identity inside one document (publishers do
 * repeat GUIDs) are told apart by a suffix computed from the entry alone (its link, else title and content), so an
 * entry's identity never depends on which other entries happen to be in the feed; see {@link LedgerMatch}.
 * Exact repeats (same identity and suffix) are collapsed to their first occurrence.
 */
public final class EntryKeys {
    private EntryKeys() {
    }

    public static List<KeyedEntry> assign(List<FeedEntry> entries) {
        Map<String, List<FeedEntry>> byBase = new LinkedHashMap<>();
        Map<FeedEntry, String> baseOf = new java.util.IdentityHashMap<>();
        for (FeedEntry e : entries) {
            String base = Hashes.sha256Hex(baseMaterial(e));
            baseOf.put(e, base);
            byBase.computeIfAbsent(base, k -> new ArrayList<>()).add(e);
        }
        List<KeyedEntry> out = new ArrayList<>(entries.size());
        Set<String> emitted = new HashSet<>();
        for (FeedEntry e : entries) {
            String base = baseOf.get(e);
            String suffix = suffix(e);
            if (!emitted.add(base + "#" + suffix)) {
                continue; // an exact repeat inside the same document
            }
            boolean grouped = byBase.get(base).stream().map(EntryKeys::suffix).distinct().count() > 1;
            out.add(new KeyedEntry(e, base, suffix, grouped));
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

    static String suffix(FeedEntry e) {
        boolean hasGuid = e.guid() != null && !e.guid().isBlank();
        String material = hasGuid && e.link() != null && !e.link().isBlank()
                ? "link:" + e.link().trim()
                : "hash:" + titleAndContent(e);
        return Hashes.sha256Hex(material).substring(0, 16);
    }

    private static String titleAndContent(FeedEntry e) {
        return nz(e.title()) + "\n" + nz(e.contentHtml());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
