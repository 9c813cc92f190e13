package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of each message on {@code seda:entries}: one new entry as a JSON-friendly map (strings and numbers
 * only), so a flow in XML can marshal it with Jackson or read fields with Simple ({@code ${body[title]}}).
 * The entry is already in the durable outbox under {@code outboxId}.
 */
public final class EntryMessage {
    public static final String OUTBOX_ID = "outboxId";
    public static final String TRIGGER_ID = "triggerId";
    public static final String USER_ID = "userId";

    private EntryMessage() {
    }

    public static Map<String, Object> of(long outboxId, int triggerId, int userId, String feedUrl, String title,
                                         String link, String guid, Instant published, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(OUTBOX_ID, outboxId);
        m.put(TRIGGER_ID, triggerId);
        m.put(USER_ID, userId);
        m.put("feedUrl", feedUrl);
        m.put("title", title);
        m.put("link", link);
        m.put("guid", guid);
        m.put("published", published == null ? null : published.toString());
        m.put("content", content);
        return m;
    }

    /** The minimal message the redelivery sweeper sends: the delivery loads the rest from the outbox. */
    public static Map<String, Object> ref(long outboxId, int userId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(OUTBOX_ID, outboxId);
        m.put(USER_ID, userId);
        return m;
    }

    public static long outboxId(Map<String, Object> m) {
        return ((Number) m.get(OUTBOX_ID)).longValue();
    }

    public static int userId(Map<String, Object> m) {
        return ((Number) m.get(USER_ID)).intValue();
    }
}
