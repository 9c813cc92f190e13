package org.triggerhappy.camel.ops;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.StatusQuery;

/**
 * Reads the outbox backlog and the paused users for the gauges with one cheap query, at most once per
 * {@code maxAge}: a scrape every few seconds, or several scrapers, cost the database one query. When the database
 * does not answer the figures are NaN (unknown), never stale numbers that look healthy.
 */
public final class BacklogProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    /** One reading; NaN when unknown. */
    public record Backlog(double pending, double oldestSeconds, double pausedUsers) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN, Double.NaN);
    }

    private final StatusQuery query;
    private final long maxAgeNanos;
    private Backlog last = Backlog.UNKNOWN;
    private long readAt;
    private boolean read;

    public BacklogProbe(DataSource ds, Duration maxAge) {
        this.query = new StatusQuery(ds, Clock.systemUTC());
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized Backlog current() {
        long now = System.nanoTime();
        if (!read || now - readAt >= maxAgeNanos) {
            last = query();
            readAt = now;
            read = true;
        }
        return last;
    }

    private Backlog query() {
        try {
            StatusQuery.Backlog b = query.backlog();
            return new Backlog(b.pending(), b.oldestSeconds(), b.pausedUsers());
        } catch (RuntimeException e) {
            LOG.warn("backlog metrics unavailable error=\"{}\"", e.getMessage());
            return Backlog.UNKNOWN;
        }
    }
}
