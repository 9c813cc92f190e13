package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                        + " entries_total = thc_feed_state.entries_total + EXCLUDED.entries_total")) {
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
     * After a failed fetch or parse. The URL is only inserted, never changed here, so a first poll that failed stays a
     * first poll; validators are kept for the next try.
     */
    public int recordFailure(Connection c, int triggerId, String url, Instant now, Instant nextCheck, String status,
                             String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, last_checked_at, next_check_at,"
                        + " last_status, consecutive_failures, last_error) VALUES (?, '', ?, ?, ?, ?, 1, ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET last_checked_at = EXCLUDED.last_checked_at,"
                        + " next_check_at = EXCLUDED.next_check_at, last_status = EXCLUDED.last_status,"
                        + " consecutive_failures = thc_feed_state.consecutive_failures + 1, last_error = EXCLUDED.last_error"
                        + " RETURNING consecutive_failures")) {
            ps.setInt(1, triggerId);
            ps.setTimestamp(2, Jdbc.ts(now));
            ps.setTimestamp(3, Jdbc.ts(now));
            ps.setTimestamp(4, Jdbc.ts(nextCheck));
            ps.setString(5, status);
            ps.setString(6, error);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
