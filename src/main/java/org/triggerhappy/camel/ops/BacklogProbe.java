package org.triggerhappy.camel.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outbox backlog and the paused users for the gauges with one cheap query, at most once per
 * {@code maxAge}: a scrape every few seconds, or several scrapers, cost the database one query. When the database
 * does not answer the figures are NaN (unknown), never stale numbers that look healthy.
 */
public final class BacklogProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    static final String SQL = "SELECT (SELECT count(*) FROM thc_outbox WHERE state = 'pending'),"
            // An entry waiting for its publication date is late only from that date on.
            + " (SELECT coalesce(extract(epoch FROM now() - min(GREATEST(created_at, deliver_after))), 0)"
            + " FROM thc_outbox WHERE state = 'pending' AND (deliver_after IS NULL OR deliver_after <= now())),"
            + " (SELECT count(*) FROM thc_user_pause WHERE kind = 'auth' OR paused_until > now())";

    /** One reading; NaN when unknown. */
    public record Backlog(double pending, double oldestSeconds, double pausedUsers) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN, Double.NaN);
    }

    private final DataSource ds;
    private final long maxAgeNanos;
    private Backlog last = Backlog.UNKNOWN;
    private long readAt;
    private boolean read;

    public BacklogProbe(DataSource ds, Duration maxAge) {
        this.ds = ds;
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
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            try (ResultSet rs = st.executeQuery(SQL)) {
                rs.next();
                return new Backlog(rs.getLong(1), rs.getDouble(2), rs.getLong(3));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("backlog metrics unavailable error=\"{}\"", e.getMessage());
            return Backlog.UNKNOWN;
        }
    }
}
