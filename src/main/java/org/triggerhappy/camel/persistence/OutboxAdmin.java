package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What an operator does with the notes not yet written: list them, and queue parked ones again. */
public final class OutboxAdmin {
    private static final String LIST = "SELECT o.id, u.username, o.trigger_id, o.title,"
            + " CASE WHEN o.state = 'parked' THEN 'parked'"
            + " WHEN o.claimed_until > now() THEN 'delivering'"
            + " WHEN o.not_before > now() THEN 'deferred' ELSE 'due' END,"
            + " o.last_error, coalesce(o.last_error_at, o.created_at), o.not_before, o.attempts"
            + " FROM thc_outbox o LEFT JOIN auth_user u ON u.id = o.user_id"
            + " WHERE o.state IN ('pending', 'parked') AND (NOT ? OR o.state = 'parked')"
            + " AND (?::text IS NULL OR u.username = ?) ORDER BY o.id";
    private static final String RETRY = "UPDATE thc_outbox o SET state = 'pending', not_before = now(), attempts = 0,"
            + " claimed_until = NULL, claimed_by = NULL, last_error = 'queued again by outbox retry',"
            + " last_error_at = now() WHERE o.state = 'parked'";

    private final DataSource ds;

    public OutboxAdmin(DataSource ds) {
        this.ds = ds;
    }

    /**
     * One note not yet written. {@code state}: parked, deferred (waiting for a later attempt), due, or delivering;
     * {@code since}: when its reason was set (else when it was queued); {@code next}: when it is tried next.
     */
    public record Waiting(long id, String user, int triggerId, String title, String state, String reason,
                          Instant since, Instant next, int attempts) {
    }

    /** The items not yet written, oldest first; only parked ones, only one user's (by name), or all. */
    public List<Waiting> list(boolean parkedOnly, String username) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST)) {
                ps.setBoolean(1, parkedOnly);
                ps.setString(2, username);
                ps.setString(3, username);
                List<Waiting> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Waiting(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), Jdbc.instant(rs.getTimestamp(7)),
                                Jdbc.instant(rs.getTimestamp(8)), rs.getInt(9)));
                    }
                }
                return out;
            }
        });
    }

    /** Every parked item back to pending, due now with a fresh back-off; returns how many. */
    public int retryAll() {
        return update(RETRY, null);
    }

    /** The user's parked items back to pending; returns how many. */
    public int retryUser(int userId) {
        return update(RETRY + " AND o.user_id = ?", ps -> ps.setInt(1, userId));
    }

    /** These parked items back to pending (ids not parked are left alone); returns how many. */
    public int retryIds(List<Long> ids) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(RETRY + " AND o.id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                return ps.executeUpdate();
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws java.sql.SQLException;
    }

    private int update(String sql, Binder binder) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (binder != null) {
                    binder.bind(ps);
                }
                return ps.executeUpdate();
            }
        });
    }
}
