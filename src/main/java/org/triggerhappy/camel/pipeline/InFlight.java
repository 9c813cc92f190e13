package org.triggerhappy.camel.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbox items handed to a delivery queue in this process and not finished yet; keeps the sweeper from queueing
 * the same item again while it waits behind others.
 */
public final class InFlight {
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    public boolean add(long outboxId) {
        return ids.add(outboxId);
    }

    public void done(long outboxId) {
        ids.remove(outboxId);
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    public int size() {
        return ids.size();
    }
}
