package org.triggerhappy.camel.entries;

/**
 * An entry with its ledger identity.
 *
 * @param baseKey    sha256 of the entry's identity: guid, else link, else title + content
 * @param suffix     short hash that tells apart entries sharing a base key (link, else title + content)
 * @param grouped    another entry of the same document has the same base key
 */
public record KeyedEntry(FeedEntry entry, String baseKey, String suffix, boolean grouped) {

    /** The key recorded for a grouped entry. */
    public String groupedKey() {
        return Hashes.sha256Hex(baseKey + "#" + suffix);
    }

    /** The key this entry is recorded under when it is new. */
    public String ledgerKey() {
        return grouped ? groupedKey() : baseKey;
    }
}
