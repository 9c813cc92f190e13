package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes thc_feed_state. */
public final class FeedStateRepository {

    public Optional<FeedState> find(Connection c, int triggerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT trigger_id, url, first_polled_at, etag, last_modified, body_hash, consecutive_failures"
                        + " FROM thc_feed_state WHERE trigger_id = ?")) {
            ps.setInt(1, triggerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new FeedState(rs.getInt(1), rs.getString(2), Jdbc.instant(rs.getTimestamp(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
            }
        }
    }

    /**
     * Takes the lease on a trigger for one refresh, if nobody holds a live lease and the trigger is due (or, with
     * {@code force}, was not checked since {@code cycleStart}). The state row is created on first sight. Several
     * instances on one database share the triggers this way, each trigger refreshed by exactly one of them.
     */
    public boolean claim(Connection c, int triggerId, String owner, Duration lease, boolean force, Instant cycleStart)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at, claimed_until, claimed_by)"
                        + " VALUES (?, '', now(), now(), now() + make_interval(secs => ?), ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET claimed_until = EXCLUDED.claimed_until,"
                        + " claimed_by = EXCLUDED.claimed_by"
                        + " WHERE (thc_feed_state.claimed_until IS NULL OR thc_feed_state.claimed_until < now())"
                        + " AND (thc_feed_state.next_check_at <= now() OR (? AND (thc_feed_state.last_checked_at IS NULL"
                        + " OR thc_feed_state.last_checked_at < ?)))"
                        + " RETURNING trigger_id")) {
            ps.setInt(1, triggerId);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setString(3, owner);
            ps.setBoolean(4, force);
            ps.setTimestamp(5, Jdbc.ts(cycleStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** After a successful fetch (200 or 304): validators kept, failures reset, next check scheduled. */
    public void recordSuccess(Connection c, int triggerId, String url, boolean firstPoll, Instant now, Instant nextCheck,
                              String etag, String lastModified, String bodyHash, String status, int newEntries)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, last_checked_at, last_success_at,"
                        + " next_check_at, etag, last_modified, body_hash, last_status, consecutive_failures, last_error,"
                        + " entries_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET url = EXCLUDED.url,"
                        + " first_polled_at = CASE WHEN ? THEN EXCLUDED.first_polled_at ELSE thc_feed_state.first_polled_at END,"
                        + " last_checked_at = EXCLUDED.last_checked_at, last_success_at = EXCLUDED.last_success_at,"
                        + " next_check_at = EXCLUDED.next_check_at, etag = EXCLUDED.etag,"
                        + " last_modified = EXCLUDED.last_modified, body_hash = EXCLUDED.body_hash,"
                        + " last_status = EXCLUDED.last_status, consecutive_failures = 0, last_error = NULL,"
                        + " entries_total = thc_feed_state.entries_total + EXCLUDED.entries_total,"
                        + " claimed_until = NULL, last_polled_by = thc_feed_state.claimed_by, claimed_by = NULL")) {
            int i = 1;
            ps.setInt(i++, triggerId);
            ps.setString(i++, url);
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(nextCheck));
            ps.setString(i++, etag);
            ps.setString(i++, lastModified);
            ps.setString(i++, bodyHash);
            ps.setString(i++, status);
            ps.setLong(i++, newEntries);
            ps.setBoolean(i, firstPoll);
            ps.executeUpdate();
        }
    }

    /**
     * After a failed fetch or parse. The URL is never changed here, so a first poll that failed stays a first poll;
     * validators are kept for the next try.
     */
    public void recordFailure(Connection c, int triggerId, Instant now, Instant nextCheck, int failures, String status,
                              String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, last_checked_at, next_check_at,"
                        + " last_status, consecutive_failures, last_error) VALUES (?, '', ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET last_checked_at = EXCLUDED.last_checked_at,"
                        + " next_check_at = EXCLUDED.next_check_at, last_status = EXCLUDED.last_status,"
                        + " consecutive_failures = EXCLUDED.consecutive_failures, last_error = EXCLUDED.last_error,"
                        + " claimed_until = NULL, last_polled_by = thc_feed_state.claimed_by, claimed_by = NULL")) {
            ps.setInt(1, triggerId);
            ps.setTimestamp(2, Jdbc.ts(now));
            ps.setTimestamp(3, Jdbc.ts(now));
            ps.setTimestamp(4, Jdbc.ts(nextCheck));
            ps.setString(5, status);
            ps.setInt(6, failures);
            ps.setString(7, error);
            ps.executeUpdate();
        }
    }
}
