package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The poll route's step between selecting the due triggers and fetching them: turns the cycle's rows into
 * {@link DueTrigger}s sharing one {@link CycleLeases}, which leases them a chunk at a time as the fetch workers reach
 * them.
 */
public final class DueTriggers {
    private final DataSource ds;
    private final Supplier<Instant> cycleStart;
    private final String owner;
    private final Duration lease;
    private final int chunk;

    /**
     * @param cycleStart when the running cycle began
     * @param chunk      triggers leased per statement: about what the fetch workers take in a moment
     */
    public DueTriggers(DataSource ds, Supplier<Instant> cycleStart, String owner, Duration lease, int chunk) {
        this.ds = ds;
        this.cycleStart = cycleStart;
        this.owner = owner;
        this.lease = lease;
        this.chunk = chunk;
    }

    /** {@code force} polls triggers that are not due yet, once per cycle. */
    public List<DueTrigger> of(List<Map<String, Object>> rows, boolean force) {
        return CycleLeases.forCycle(ds, owner, lease, force, cycleStart.get(), chunk, rows);
    }
}
