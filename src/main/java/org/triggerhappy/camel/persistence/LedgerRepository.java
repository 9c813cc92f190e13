package org.triggerhappy.camel.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The per-trigger ledger of entries already seen (table thc_entry). */
public final class LedgerRepository {

    /** Of the given keys, those already recorded for the trigger, each with its recorded suffix. */
    public Map<String, String> existing(Connection c, int triggerId, Collection<String> keys) throws SQLException {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Array arr = c.createArrayOf("text", keys.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry_key, suffix FROM thc_entry WHERE trigger_id = ? AND entry_key = ANY (?)")) {
            ps.setInt(1, triggerId);
            ps.setArray(2, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
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
