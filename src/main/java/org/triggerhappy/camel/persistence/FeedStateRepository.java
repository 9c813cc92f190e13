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

    /**
     * Takes the lease on a trigger for one refresh, if nobody holds a live lease and the trigger is due (or, with
     * {@code force}, was not checked since {@code cycleStart}). The state row is created on first sight. Several
     * instances on one database share the triggers this way, each trigger refreshed by exactly one of them.
     */
    public Optional<FeedState> claim(Connection c, int triggerId, String owner, Duration lease, boolean force,
                                     Instant cycleStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at, claimed_until, claimed_by)"
                        + " VALUES (?, '', now(), now(), now() + make_interval(secs => ?), ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET claimed_until = EXCLUDED.claimed_until,"
                        + " claimed_by = EXCLUDED.claimed_by"
                        + " WHERE (thc_feed_state.claimed_until IS NULL OR thc_feed_state.claimed_until < now())"
                        + " AND (thc_feed_state.next_check_at <= now() OR (? AND (thc_feed_state.last_checked_at IS NULL"
                        + " OR thc_feed_state.last_checked_at < ?)))"
                        + " RETURNING trigger_id, url, first_polled_at, etag, last_modified, body_hash,"
                        + " consecutive_failures")) {
            ps.setInt(1, triggerId);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setString(3, owner);
            ps.setBoolean(4, force);
            ps.setTimestamp(5, Jdbc.ts(cycleStart));
            try (ResultSet rs = ps.executeQuery()) {
                // The state comes back with the lease: one round trip per trigger, not two.
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    private static FeedState state(ResultSet rs) throws SQLException {
        return new FeedState(rs.getInt(1), rs.getString(2), Jdbc.instant(rs.getTimestamp(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7));
    }

    /**
     * After a poll that found the feed unchanged (304, or the same body): the state and django-th's trigger
     * ("last run", a feed error cleared) in one statement, so the common case of a steady cycle is one round trip.
     */
    public void recordUnchanged(Connection c, int triggerId, Instant now, Instant nextCheck, String etag,
                                String lastModified, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "WITH s AS (UPDATE thc_feed_state SET last_checked_at = ?, last_success_at = ?, next_check_at = ?,"
                        + " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), last_status = ?,"
                        + " consecutive_failures = 0, last_error = NULL, claimed_until = NULL,"
                        + " last_polled_by = claimed_by, claimed_by = NULL WHERE trigger_id = ?)"
                        + " UPDATE django_th_triggerservice SET date_triggered = ?,"
                        + " result = CASE WHEN provider_failed > 0 THEN 'OK' ELSE result END,"
                        + " date_result = CASE WHEN provider_failed > 0 THEN ? ELSE date_result END,"
                        + " provider_failed = 0 WHERE id = ?")) {
            int i = 1;
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(nextCheck));
            ps.setString(i++, etag);
            ps.setString(i++, lastModified);
            ps.setString(i++, status);
            ps.setInt(i++, triggerId);
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setInt(i, triggerId);
            ps.executeUpdate();
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
