package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Reads of the outbox (thc_outbox, thc_outbox_payload): the sweeper's work lists, the counts {@code run --once}
 * waits on, and the notes not yet written as an operator sees them.
 */
public final class OutboxQueries {
    private static final String LIST = "SELECT o.id, u.username, o.trigger_id, o.title,"
            + " CASE WHEN o.state = 'parked' THEN 'parked'"
            + " WHEN o.claimed_until > now() THEN 'delivering'"
            + " WHEN o.not_before > now() THEN 'deferred' ELSE 'due' END,"
            + " o.last_error, coalesce(o.last_error_at, o.created_at), o.not_before, o.attempts"
            + " FROM thc_outbox o LEFT JOIN auth_user u ON u.id = o.user_id"
            + " WHERE o.state IN ('pending', 'parked') AND (NOT ? OR o.state = 'parked')"
            + " AND (?::text IS NULL OR u.username = ?) ORDER BY o.id";

    private final DataSource ds;

    public OutboxQueries(DataSource ds) {
        this.ds = ds;
    }

    /** A pending item that is due. */
    public record Due(long id, int userId) {
    }

    /** Pending items that are due and not leased, oldest first. */
    public List<Due> due(int limit) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_id FROM thc_outbox WHERE state = 'pending' AND not_before <= now()"
                            + " AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                List<Due> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(new Due(rs.getLong(1), rs.getInt(2)));
                    }
                }
                return ids;
            }
        });
    }

    /** A pending item leased by a consumer. */
    public record Lease(long id, String holder, long claimNo) {
    }

    /** Pending items under a lease (live or run out), oldest first. */
    public List<Lease> leases(int limit) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, claimed_by, claim_no FROM thc_outbox WHERE state = 'pending' AND claimed_until IS NOT NULL"
                            + " ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                List<Lease> leases = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leases.add(new Lease(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                    }
                }
                return leases;
            }
        });
    }

    /** Pending items that could be delivered now or are being delivered (what run --once waits for). */
    public int workableCount() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM thc_outbox WHERE state = 'pending'"
                            + " AND (not_before <= now() OR claimed_until > now())");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Every item not yet delivered nor parked. */
    public int pendingCount() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM thc_outbox WHERE state = 'pending'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
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

    /** An outbox entry not delivered yet, with where its note goes. */
    public record PendingEntry(OutboxItem item, String notebook, String tags, String description) {
    }

    /** Outbox entries not delivered yet (not parked either), of one trigger or of all, oldest first. */
    public List<PendingEntry> pendingEntries(OptionalInt triggerId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT o.id, o.trigger_id, o.user_id, o.entry_key, o.feed_url, o.guid, o.link, o.title, b.content,"
                            + " o.published, o.attempts, o.ambiguous,"
                            + " coalesce(e.notebook, ''), coalesce(e.tag, ''), coalesce(t.description, '')"
                            + " FROM thc_outbox o LEFT JOIN thc_outbox_payload b ON b.outbox_id = o.id"
                            + " LEFT JOIN django_th_triggerservice t ON t.id = o.trigger_id"
                            + " LEFT JOIN LATERAL (SELECT notebook, tag FROM django_th_evernote"
                            + "   WHERE trigger_id = o.trigger_id ORDER BY id LIMIT 1) e ON true"
                            + " WHERE o.state = 'pending' AND (? OR o.trigger_id = ?)"
                            + " ORDER BY o.id")) {
                ps.setBoolean(1, triggerId.isEmpty());
                ps.setInt(2, triggerId.orElse(0));
                List<PendingEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(pending(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static PendingEntry pending(ResultSet rs) throws SQLException {
        OutboxItem item = new OutboxItem(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Jdbc.instant(rs.getTimestamp(10)),
                rs.getInt(11), rs.getBoolean(12));
        return new PendingEntry(item, rs.getString(13), rs.getString(14), rs.getString(15));
    }
}
