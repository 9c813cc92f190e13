package org.triggerhappy.camel.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.triggerhappy.camel.entries.ArticleLinks;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.persistence.ArticleClaimRepository;
import org.triggerhappy.camel.persistence.LedgerRepository;
import org.triggerhappy.camel.persistence.TriggerRow;

/**
 * One note per article (TH_CROSS_FEED_DEDUP): of the entries a trigger is about to queue, keeps those whose article
 * no other trigger of the user already delivers into the same notebook. Runs inside the refresh's transaction, so
 * the claim, the ledger and the outbox commit together.
 */
final class CrossFeedDedup {
    private final ArticleClaimRepository claims = new ArticleClaimRepository();
    private final LedgerRepository ledger;

    CrossFeedDedup(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** The entries this trigger delivers; the others stay recorded as seen, not queued. */
    List<KeyedEntry> firstDeliveries(Connection c, TriggerRow t, List<KeyedEntry> entries) throws SQLException {
        // by identity: a record's hash would hash each entry's whole content
        Map<KeyedEntry, String> articleOf = new IdentityHashMap<>();
        for (KeyedEntry k : entries) {
            String key = ArticleLinks.key(k.entry().link());
            if (key != null) {
                articleOf.put(k, key);
            }
        }
        if (articleOf.isEmpty()) {
            return entries;
        }
        Set<String> held = claims.claim(c, t.triggerId(), t.userId(), articleOf.values());
        List<KeyedEntry> kept = new ArrayList<>(entries.size());
        List<String> notQueued = new ArrayList<>();
        for (KeyedEntry k : entries) {
            String key = articleOf.get(k);
            if (key == null || held.contains(key)) {
                kept.add(k);
            } else {
                notQueued.add(k.ledgerKey());
            }
        }
        ledger.markNotQueued(c, t.triggerId(), notQueued);
        return kept;
    }
}
