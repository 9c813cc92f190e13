package org.triggerhappy.camel.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an entry is already in the ledger. The ledger holds, per recorded entry, its key and suffix.
 * <ul>
 * <li>An entry alone with its base key is known if the base key is recorded, or if it was recorded under its
 * grouped key while it shared the base key with others that have since left the feed.</li>
 * <li>A grouped entry is known if its grouped key is recorded, or if the base key is recorded with this entry's
 * suffix (it was alone when first seen).</li>
 * </ul>
 * Title or content edits change neither key nor suffix of an entry that has a guid and a link, so it keeps its
 * single note.
 */
public final class LedgerMatch {
    private LedgerMatch() {
    }

    /** Every key the ledger must be asked about for these entries. */
    public static List<String> candidateKeys(List<KeyedEntry> entries) {
        List<String> keys = new ArrayList<>(entries.size() * 2);
        for (KeyedEntry k : entries) {
            keys.add(k.baseKey());
            keys.add(k.groupedKey());
        }
        return keys;
    }

    /** @param recorded key → suffix of the ledger rows found for {@link #candidateKeys} */
    public static boolean isKnown(KeyedEntry k, Map<String, String> recorded) {
        if (recorded.containsKey(k.groupedKey())) {
            return true;
        }
        String suffixOfBase = recorded.get(k.baseKey());
        if (suffixOfBase == null) {
            return false;
        }
        return !k.grouped() || suffixOfBase.trim().equals(k.suffix());
    }
}
