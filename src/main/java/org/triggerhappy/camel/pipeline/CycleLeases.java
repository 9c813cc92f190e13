package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.FeedState;
import org.triggerhappy.camel.persistence.TriggerLeaseRepository;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * Leases one cycle's due triggers a chunk at a time, just ahead of the fetch workers: the worker that reaches a
 * trigger nobody tried yet claims it and the next {@code chunk - 1} in one statement. One round trip per chunk
 * instead of per trigger, while another instance polling the same database still finds most of the list unclaimed
 * and takes its share (leasing the whole list up front would give one instance everything).
 */
public final class CycleLeases {
    private static final Logger LOG = LoggerFactory.getLogger(CycleLeases.class);
    private final TriggerLeaseRepository leases;
    private final String owner;
    private final Duration lease;
    private final boolean force;
    private final Instant cycleStart;
    private final int chunk;
    private final int[] ids;
    private final boolean[] tried;
    private final Map<Integer, FeedState> claimed = new ConcurrentHashMap<>();

    private CycleLeases(DataSource ds, String owner, Duration lease, boolean force, Instant cycleStart, int chunk,
                          int[] ids) {
        this.leases = new TriggerLeaseRepository(ds);
        this.owner = owner;
        this.lease = lease;
        this.force = force;
        this.cycleStart = cycleStart;
        this.chunk = chunk;
        this.ids = ids;
        this.tried = new boolean[ids.length];
    }

    /** The cycle's rows in the order the fetch workers take them, as due triggers sharing one lease taker. */
    static List<DueTrigger> forCycle(DataSource ds, String owner, Duration lease, boolean force, Instant cycleStart,
                                     int chunk, List<Map<String, Object>> rows) {
        List<Trigger> triggers = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            try {
                triggers.add(Trigger.from(row));
            } catch (RuntimeException e) {
                // One unreadable row (say, a feed URL that is NULL) must not stop the other triggers of the cycle.
                LOG.warn("trigger skipped, its row cannot be read trigger_id={} error=\"{}\"", row.get("trigger_id"),
                        e.toString());
            }
        }
        int[] ids = triggers.stream().mapToInt(Trigger::triggerId).toArray();
        CycleLeases leases = new CycleLeases(ds, owner, lease, force, cycleStart, Math.max(1, chunk), ids);
        List<DueTrigger> due = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            due.add(new DueTrigger(triggers.get(i), i, leases));
        }
        return due;
    }

    /**
     * The trigger's state if this instance now holds its lease; empty when another instance (or an earlier cycle
     * still running) holds it or it is no longer due. A database error leaves the chunk untried for the next worker.
     */
    Optional<FeedState> claim(int index) {
        synchronized (this) {
            if (!tried[index]) {
                int end = Math.min(ids.length, index + chunk);
                List<Integer> take = new ArrayList<>(end - index);
                for (int i = index; i < end; i++) {
                    if (!tried[i]) {
                        take.add(i);
                    }
                }
                int[] chunkIds = take.stream().mapToInt(i -> ids[i]).toArray();
                claimed.putAll(leases.claim(chunkIds, owner, lease, force, cycleStart));
                take.forEach(i -> tried[i] = true);
            }
        }
        return Optional.ofNullable(claimed.remove(ids[index]));
    }
}
