package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** The instances' heartbeats ({@code thc_instances}); every time is the database's, so clocks never disagree. */
public final class InstanceRepository {
    private final DataSource ds;

    public InstanceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Records that this holder is alive now. */
    public void beat(String holder, String host, String bootId, String machineId, long pid) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO thc_instances (holder, host, boot_id, machine_id, pid) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (holder) DO UPDATE SET beat_at = now()")) {
                ps.setString(1, holder);
                ps.setString(2, host);
                ps.setString(3, bootId);
                ps.setString(4, machineId);
                ps.setLong(5, pid);
                return ps.executeUpdate();
            }
        });
    }

    /** A holder that stopped for good: its row looks long dead, so what it still holds is taken over at once. */
    public void stopped(String holder) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE thc_instances SET beat_at = now() - interval '1 hour' WHERE holder = ?")) {
                ps.setString(1, holder);
                return ps.executeUpdate();
            }
        });
    }

    /** Those of the holders whose last beat is older than {@code after}; holders without a row are not in it. */
    public Set<String> staleAmong(Collection<String> holders, Duration after) {
        if (holders.isEmpty()) {
            return Set.of();
        }
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT holder FROM thc_instances WHERE holder = ANY (?)"
                            + " AND beat_at < now() - ? * interval '1 millisecond'")) {
                ps.setArray(1, c.createArrayOf("text", holders.toArray()));
                ps.setLong(2, after.toMillis());
                Set<String> stale = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stale.add(rs.getString(1));
                    }
                }
                return stale;
            }
        });
    }

    /** Forgets instances silent for longer than {@code after} (their leases ran out long before). */
    public int prune(Duration after) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM thc_instances WHERE beat_at < now() - ? * interval '1 millisecond'")) {
                ps.setLong(1, after.toMillis());
                return ps.executeUpdate();
            }
        });
    }
}
