package org.triggerhappy.camel.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbox items handed to a delivery queue in this process and not finished yet; keeps the sweeper from queueing
 * the same item again while it waits behind others, and tells it which of this process's leases are still worked
 * on. Counted, because a new entry may be queued by its poll and by a sweep that saw it committed a moment earlier.
 */
public final class InFlight {
    private final Map<Long, Integer> ids = new ConcurrentHashMap<>();

    /** One more hand-off of the item; true if it was not in flight before. */
    public boolean add(long outboxId) {
        return ids.merge(outboxId, 1, Integer::sum) == 1;
    }

    /** A hand-off only if the item is not in flight yet (the sweeper). */
    public boolean addIfAbsent(long outboxId) {
        return ids.putIfAbsent(outboxId, 1) == null;
    }

    /** One hand-off of the item finished. */
    public void done(long outboxId) {
        ids.computeIfPresent(outboxId, (id, n) -> n > 1 ? n - 1 : null);
    }

    public boolean contains(long outboxId) {
        return ids.containsKey(outboxId);
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    public int size() {
        return ids.size();
    }
}
