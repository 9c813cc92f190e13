package org.triggerhappy.camel.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.LedgerRepository;

/**
 * Forgets ledger keys of entries that left their feed longer than TH_LEDGER_RETENTION ago, with their delivered
 * outbox rows, so neither table grows for ever. Called by the housekeeping timer; deletes in batches, each its own
 * short transaction, and stops after a bounded number of them so one run never holds the database for long (what
 * is left goes at the next run).
 */
public final class LedgerPruner {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerPruner.class);

    private final Clock clock;
    private final Duration retention;
    private final int batch;
    private final int maxBatches;
    private final LedgerRepository ledger;

    public LedgerPruner(DataSource ds, Clock clock, Duration retention, int batch, int maxBatches) {
        this.ledger = new LedgerRepository(ds);
        this.clock = clock;
        this.retention = retention;
        this.batch = batch;
        this.maxBatches = maxBatches;
    }

    /**
     * Returns how many keys went. A database that is away is left to the route's error policy (errors.xml): the
     * next run goes on where this one stopped.
     */
    public int run() {
        int total = 0;
        try {
            for (int i = 0; i < maxBatches; i++) {
                Instant now = clock.instant();
                int n = ledger.prune(now, retention, batch);
                total += n;
                if (n < batch) {
                    break;
                }
            }
        } finally {
            if (total > 0) {
                LOG.info("ledger pruned keys={} retention={}: entries gone from their feeds that long are forgotten",
                        total, retention);
            }
        }
        return total;
    }
}
