package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads and writes thc_feed_state. */
public final class FeedStateRepository {

    static FeedState state(ResultSet rs) throws SQLException {
        return new FeedState(rs.getInt(1), rs.getString(2), Jdbc.instant(rs.getTimestamp(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7));
    }

    /** One poll that found its feed unchanged (304, or the same body). */
    public record Unchanged(int triggerId, Instant checkedAt, Instant nextCheck, String etag, String lastModified,
                            String status) {
    }

    /**
     * After polls that found their feeds unchanged: the state and django-th's trigger ("last run", a feed error
     * cleared) for all of them in one statement, which also ends their leases.
     */
    public void recordUnchanged(Connection c, List<Unchanged> polls) throws SQLException {
        if (polls.isEmpty()) {
            return;
        }
        List<Unchanged> sorted = new ArrayList<>(polls);
        sorted.sort(Comparator.comparingInt(Unchanged::triggerId));
        int n = sorted.size();
        Integer[] ids = new Integer[n];
        Timestamp[] checked = new Timestamp[n];
        Timestamp[] next = new Timestamp[n];
        String[] etags = new String[n];
        String[] lastModified = new String[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            Unchanged u = sorted.get(i);
            ids[i] = u.triggerId();
            checked[i] = Jdbc.ts(u.checkedAt());
            next[i] = Jdbc.ts(u.nextCheck());
            etags[i] = u.etag();
            lastModified[i] = u.lastModified();
            statuses[i] = u.status();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "WITH u AS (SELECT * FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],"
                        + " ?::text[]) AS u(id, checked, next, etag, lm, status)),"
                        + " s AS (UPDATE thc_feed_state f SET last_checked_at = u.checked, last_success_at = u.checked,"
                        + " next_check_at = u.next, etag = coalesce(u.etag, f.etag),"
                        + " last_modified = coalesce(u.lm, f.last_modified), last_status = u.status,"
                        + " consecutive_failures = 0, last_error = NULL, claimed_until = NULL,"
                        + " last_polled_by = f.claimed_by, claimed_by = NULL FROM u WHERE f.trigger_id = u.id)"
                        + " UPDATE django_th_triggerservice t SET date_triggered = u.checked,"
                        + " result = CASE WHEN t.provider_failed > 0 THEN 'OK' ELSE t.result END,"
                        + " date_result = CASE WHEN t.provider_failed > 0 THEN u.checked ELSE t.date_result END,"
                        + " provider_failed = 0 FROM u WHERE t.id = u.id")) {
            ps.setArray(1, c.createArrayOf("int4", ids));
            ps.setArray(2, c.createArrayOf("timestamptz", checked));
            ps.setArray(3, c.createArrayOf("timestamptz", next));
            ps.setArray(4, c.createArrayOf("text", etags));
            ps.setArray(5, c.createArrayOf("text", lastModified));
            ps.setArray(6, c.createArrayOf("text", statuses));
            ps.executeUpdate();
        }
    }

    /**
     * After a feed was read in full: validators kept, failures reset, next check scheduled, and the reading's time,
     * which tells the ledger's pruning which keys were in the feed then. A null body hash (with null validators)
     * makes the next poll read the feed in full again: this reading left new entries for it.
     */
    public void recordSuccess(Connection c, int triggerId, String url, boolean firstPoll, Instant now, Instant nextCheck,
                              String etag, String lastModified, String bodyHash, String status, int newEntries,
                              String feedTitle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, last_checked_at, last_success_at,"
                        + " next_check_at, etag, last_modified, body_hash, last_status, consecutive_failures, last_error,"
                        + " entries_total, last_parsed_at, feed_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)"
                        + " ON CONFLICT (trigger_id) DO UPDATE SET url = EXCLUDED.url,"
                        + " first_polled_at = CASE WHEN ? THEN EXCLUDED.first_polled_at ELSE thc_feed_state.first_polled_at END,"
                        + " last_checked_at = EXCLUDED.last_checked_at, last_success_at = EXCLUDED.last_success_at,"
                        + " next_check_at = EXCLUDED.next_check_at, etag = EXCLUDED.etag,"
                        + " last_modified = EXCLUDED.last_modified, body_hash = EXCLUDED.body_hash,"
                        + " last_status = EXCLUDED.last_status, consecutive_failures = 0, last_error = NULL,"
                        + " entries_total = thc_feed_state.entries_total + EXCLUDED.entries_total,"
                        + " last_parsed_at = EXCLUDED.last_parsed_at, feed_title = EXCLUDED.feed_title,"
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
            ps.setTimestamp(i++, Jdbc.ts(now));
            ps.setString(i++, feedTitle == null || feedTitle.isBlank() ? null : clip(feedTitle.strip(), 255));
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

    private static String clip(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }
}
