package org.triggerhappy.camel.service;

import java.time.Duration;
import org.triggerhappy.camel.config.Settings;

/**
 * The service's sizing rules, each named once: leases, batches, pools, periods and waits, derived from the settings
 * where they follow from them. The configurable defaults are in {@link org.triggerhappy.camel.config.Setting}, the
 * fetcher's redirect limit is {@link org.triggerhappy.camel.fetch.FetchSettings#DEFAULT_MAX_REDIRECTS}.
 */
final class Sizing {
    /** Outbox items a sweep hands to delivery at most. */
    static final int SWEEP_BATCH = 1000;
    /** Ledger rows deleted per statement, and statements per pruning run. */
    static final int PRUNE_BATCH = 5000;
    static final int PRUNE_BATCHES = 20;
    static final Duration PRUNE_PERIOD = Duration.ofHours(1);
    /** Due outbox items (retries, leftovers of a crashed instance) are looked for at least this often. */
    static final Duration SWEEP_AT_MOST = Duration.ofSeconds(30);
    /** Connections the pool keeps beyond the fetch and delivery threads (timers, the status page). */
    static final int POOL_SPARE = 4;
    /** How long an idle queue consumer of a single run waits for work before looking whether to stop. */
    static final Duration ONCE_QUEUE_POLL = Duration.ofMillis(50);
    /** How often a single run looks whether its notes are all written. */
    static final Duration ONCE_CHECK = Duration.ofMillis(100);
    /** How long closing waits for the fetch threads to end. */
    static final Duration POOL_SHUTDOWN = Duration.ofSeconds(5);

    private final Settings settings;

    Sizing(Settings settings) {
        this.settings = settings;
    }

    /**
     * The database pool of the service ({@code service}) or of one {@code run --once}, unless TH_DB_POOL_SIZE says:
     * threads hold a connection only between network waits, so the fetch and delivery threads plus a few, capped by
     * the command's default ({@link Settings#SERVICE_POOL}, {@link Settings#ONCE_POOL}).
     */
    int dbPool(boolean service) {
        int byConcurrency = settings.fetchConcurrency() + settings.deliveryConcurrency() + POOL_SPARE;
        return settings.dbPoolSize(Math.min(byConcurrency, service ? Settings.SERVICE_POOL : Settings.ONCE_POOL));
    }

    /** The service keeps its pool full; a single run opens connections as its work needs them. */
    int dbPoolMinIdle(boolean service) {
        return service ? dbPool(true) : 1;
    }

    /** A refresh holds its trigger at most for one fetch plus parsing and storing; then others may take it. */
    Duration triggerLease() {
        return settings.fetchTimeout().plusMinutes(2);
    }

    /** Triggers leased, and unchanged polls recorded, per statement: what the fetch workers go through in a moment. */
    int leaseBatch() {
        return Math.max(8, Math.min(200, 2 * settings.fetchConcurrency()));
    }

    /** A feed's queued entries wait for their articles at most for a few page fetches; released when done. */
    Duration articleWait() {
        return settings.fetchTimeout().multipliedBy(3).plusMinutes(1);
    }

    /** Threads fetching feeds, and threads fetching article pages: one per concurrent fetch. */
    int fetchThreads() {
        return settings.fetchConcurrency();
    }

    /** How often due outbox items are looked for: as often as due triggers, at least every {@link #SWEEP_AT_MOST}. */
    Duration sweepPeriod() {
        Duration tick = settings.pollTick();
        return tick.compareTo(SWEEP_AT_MOST) < 0 ? tick : SWEEP_AT_MOST;
    }
}
