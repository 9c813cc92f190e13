package org.triggerhappy.camel.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The per-trigger ledger of entries already seen (table thc_entry). */
public final class LedgerRepository {
    private final DataSource ds;

    /** For the statements that run on a caller's connection (inside its transaction). */
    public LedgerRepository() {
        this(null);
    }

    public LedgerRepository(DataSource ds) {
        this.ds = ds;
    }

    /** {@link #existing(Connection, int, Collection)} on a connection of its own. */
    public Map<String, String> existing(int triggerId, Collection<String> keys) {
        return Jdbc.withConnection(ds, c -> existing(c, triggerId, keys));
    }

    /** Of the given keys, those already recorded for the trigger, each with its recorded suffix. */
    public Map<String, String> existing(Connection c, int triggerId, Collection<String> keys) throws SQLException {
        return seen(c, triggerId, keys).suffixes();
    }

    /**
     * The keys of a feed's reading that the ledger holds: key → recorded suffix, and which of them were last seen
     * over a day ago (see {@link #touch}).
     */
    public record Seen(Map<String, String> suffixes, List<String> stale) {
    }

    /** {@link #existing}, and which of those keys want their last-seen time refreshed; same single query. */
    public Seen seen(Connection c, int triggerId, Collection<String> keys) throws SQLException {
        Map<String, String> found = new HashMap<>();
        List<String> stale = new ArrayList<>();
        if (keys.isEmpty()) {
            return new Seen(found, stale);
        }
        Array arr = c.createArrayOf("text", keys.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry_key, suffix, last_seen_at < now() - interval '1 day' FROM thc_entry"
                        + " WHERE trigger_id = ? AND entry_key = ANY (?)")) {
            ps.setInt(1, triggerId);
            ps.setArray(2, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        stale.add(rs.getString(1));
                    }
                }
            }
        }
        return new Seen(found, stale);
    }

    /**
     * These keys are in their feed now. Refreshed at most once a day per key, so a feed read every few minutes
     * costs this statement about once a day, not at every reading.
     */
    public void touch(Connection c, int triggerId, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE thc_entry SET last_seen_at = now() WHERE trigger_id = ? AND entry_key = ANY (?)")) {
            ps.setInt(1, triggerId);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code limit} ledger keys that were missing from their feed's last full reading and not seen for
     * {@code retention}, with the delivered outbox rows of those keys; returns how many keys went. A key still in
     * its feed is never pruned (it would come back as new): each reading refreshes its keys' last-seen time at
     * least daily, and a feed that answers "not modified" still holds the keys of its last reading. A key whose
     * outbox row is still pending or parked stays with it.
     *
     * @param now the time retention counts back from (the service's clock; a benchmark's simulated day)
     */
    public int prune(Instant now, Duration retention, int limit) {
        return Jdbc.withConnection(ds, c -> prune(c, now, retention, limit));
    }

    /** {@link #prune(Instant, Duration, int)} on the caller's connection. */
    public int prune(Connection c, Instant now, Duration retention, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "WITH gone AS (DELETE FROM thc_entry e WHERE (e.trigger_id, e.entry_key) IN ("
                        + " SELECT x.trigger_id, x.entry_key FROM thc_entry x"
                        + " JOIN thc_feed_state f ON f.trigger_id = x.trigger_id"
                        + " WHERE x.last_seen_at < ?"
                        // Two days: the daily refresh plus room for the service's and the database's clocks.
                        + " AND x.last_seen_at < f.last_parsed_at - interval '2 days'"
                        + " AND NOT EXISTS (SELECT 1 FROM thc_outbox o WHERE o.trigger_id = x.trigger_id"
                        + " AND o.entry_key = x.entry_key AND o.state <> 'delivered')"
                        + " LIMIT ?) RETURNING e.trigger_id, e.entry_key),"
                        + " rows AS (DELETE FROM thc_outbox o USING gone g WHERE o.trigger_id = g.trigger_id"
                        + " AND o.entry_key = g.entry_key AND o.state = 'delivered')"
                        + " SELECT count(*) FROM gone")) {
            ps.setTimestamp(1, Jdbc.ts(now.minus(retention)));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Marks recorded keys as not queued after all (another trigger of the user delivers the same article). */
    public void markNotQueued(Connection c, int triggerId, java.util.Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE thc_entry SET queued = false WHERE trigger_id = ? AND entry_key = ANY (?::text[])")) {
            ps.setInt(1, triggerId);
            ps.setArray(2, c.createArrayOf("text", keys.toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    /** One ledger row to write. */
    public record NewKey(String key, String suffix, boolean queued) {
    }

    /**
     * Records all keys in one statement and returns those this call inserted; a key missing from the result was
     * recorded by another poller a moment ago (the primary key decides).
     */
    public java.util.Set<String> recordAll(Connection c, int triggerId, java.util.List<NewKey> rows) throws SQLException {
        java.util.Set<String> inserted = new java.util.HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        String[] keys = new String[rows.size()];
        String[] suffixes = new String[rows.size()];
        Boolean[] queued = new Boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            keys[i] = rows.get(i).key();
            suffixes[i] = rows.get(i).suffix();
            queued[i] = rows.get(i).queued();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_entry (trigger_id, entry_key, suffix, queued)"
                        + " SELECT ?, k, s, q FROM unnest(?::text[], ?::text[], ?::boolean[]) AS u(k, s, q)"
                        + " ON CONFLICT DO NOTHING RETURNING entry_key")) {
            ps.setInt(1, triggerId);
            ps.setArray(2, c.createArrayOf("text", keys));
            ps.setArray(3, c.createArrayOf("text", suffixes));
            ps.setArray(4, c.createArrayOf("boolean", queued));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }
}
