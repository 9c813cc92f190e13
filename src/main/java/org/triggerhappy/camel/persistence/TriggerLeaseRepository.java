package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** The refresh leases of {@code thc_feed_state}, seen by holder: who holds some, and ending those of the gone. */
public final class TriggerLeaseRepository {
    private final DataSource ds;

    public TriggerLeaseRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Every holder of a lease that has not run out. */
    public Set<String> holders() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT claimed_by FROM thc_feed_state"
                    + " WHERE claimed_until IS NOT NULL AND claimed_until > now() AND claimed_by IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                Set<String> holders = new HashSet<>();
                while (rs.next()) {
                    holders.add(rs.getString(1));
                }
                return holders;
            }
        });
    }

    /** Ends the leases these holders have; the triggers are refreshed by the next cycle that finds them due. */
    public int releaseHeldBy(Collection<String> holders) {
        if (holders.isEmpty()) {
            return 0;
        }
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE thc_feed_state SET claimed_until = NULL,"
                    + " claimed_by = NULL WHERE claimed_until IS NOT NULL AND claimed_by = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", holders.toArray()));
                return ps.executeUpdate();
            }
        });
    }
}
