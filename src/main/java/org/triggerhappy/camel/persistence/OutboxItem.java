package org.triggerhappy.camel.persistence;

import java.time.Instant;

/** One entry waiting to become a note (table thc_outbox). */
public record OutboxItem(long id, int triggerId, int userId, String entryKey, String feedUrl, String guid, String link,
                         String title, String content, Instant published, int attempts, boolean ambiguous) {
}
