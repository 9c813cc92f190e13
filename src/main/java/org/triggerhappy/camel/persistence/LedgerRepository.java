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

    /**
     * Records the key; false when another poller recorded it first (the primary key decides, so two instances
     * polling the same trigger at once still queue an entry only once).
     */
    public boolean record(Connection c, int triggerId, String key, String suffix, boolean queued) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_entry (trigger_id, entry_key, suffix, queued) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            ps.setInt(1, triggerId);
            ps.setString(2, key);
            ps.setString(3, suffix);
            ps.setBoolean(4, queued);
            return ps.executeUpdate() == 1;
        }
    }
}
