package org.triggerhappy.camel.evernote;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.triggerhappy.camel.entries.Hashes;

/**
 * What the gateway remembers per token, keyed by the token's SHA-256: the token itself never sits where it could be
 * logged or dumped, and a renewed token starts with an empty cache.
 */
final class TokenAccounts {

    /** Cached facts about one token's account. */
    static final class Account {
        final String id; // short hash prefix, safe for logs
        final NameDirectory notebooks = new NameDirectory("Notebook");
        final NameDirectory tags = new NameDirectory("Tag");
        volatile String noteStoreUrl;
        volatile String defaultNotebookGuid;

        private Account(String key) {
            this.id = key.substring(0, 12);
        }
    }

    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

    Account of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an Evernote token is required");
        }
        return accounts.computeIfAbsent(Hashes.sha256Hex(token), Account::new);
    }

    void forget(String token) {
        accounts.remove(Hashes.sha256Hex(token));
    }
}
