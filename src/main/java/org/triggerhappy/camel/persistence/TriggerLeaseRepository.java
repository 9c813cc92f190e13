package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The refresh leases of {@code thc_feed_state}: taking them for a cycle's triggers, giving one back, and seen by
 * holder (who holds some, and ending those of the gone).
 */
public final class TriggerLeaseRepository {
    // Tries spread over several seconds with growing pauses: a release fails only while the database is failing,
    // and an outage of a few seconds should not leave the trigger leased until its lease runs out.
    private static final int RELEASE_TRIES = 5;
    private static final long FIRST_RELEASE_PAUSE_MS = 500;

    private final DataSource ds;

    public TriggerLeaseRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Takes the lease on each of these triggers for one refresh, if nobody holds a live lease and the trigger is due
     * (or, with {@code force}, was not checked since {@code cycleStart}); returns the state of those it got. State rows
     * are created on first sight. Several instances on one database share the triggers this way, each trigger
     * refreshed by exactly one of them. One statement for the lot: the steady cycle is mostly this and a 304.
     */
    public Map<Integer, FeedState> claim(int[] triggerIds, String owner, Duration lease, boolean force,
                                         Instant cycleStart) {
        // Rows are locked in id order, so two instances claiming overlapping sets cannot deadlock.
        Integer[] ids = Arrays.stream(triggerIds).distinct().sorted().boxed().toArray(Integer[]::new);
        Map<Integer, FeedState> claimed = new HashMap<>();
        if (ids.length == 0) {
            return claimed;
        }
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at, claimed_until, claimed_by)"
                            + " SELECT id, '', now(), now(), now() + make_interval(secs => ?), ?"
                            + " FROM unnest(?::int[]) AS u(id) ORDER BY id"
                            + " ON CONFLICT (trigger_id) DO UPDATE SET claimed_until = EXCLUDED.claimed_until,"
                            + " claimed_by = EXCLUDED.claimed_by"
                            + " WHERE (thc_feed_state.claimed_until IS NULL OR thc_feed_state.claimed_until < now())"
                            + " AND (thc_feed_state.next_check_at <= now() OR (? AND (thc_feed_state.last_checked_at IS NULL"
                            + " OR thc_feed_state.last_checked_at < ?)))"
                            + " RETURNING trigger_id, url, first_polled_at, etag, last_modified, body_hash,"
                            + " consecutive_failures")) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setString(2, owner);
                ps.setArray(3, c.createArrayOf("int4", ids));
                ps.setBoolean(4, force);
                ps.setTimestamp(5, Jdbc.ts(cycleStart));
                try (ResultSet rs = ps.executeQuery()) {
                    // The state comes back with the lease: no second round trip to read it.
                    while (rs.next()) {
                        FeedState st = FeedStateRepository.state(rs);
                        claimed.put(st.triggerId(), st);
                    }
                }
            }
            return claimed;
        });
    }

    /**
     * Gives the trigger back if this holder still has it, so that the next tick retries it rather than waiting for
     * the lease to run out. A few tries while the pool reconnects (a refresh cut short by a database outage calls
     * this); the last failure is thrown, and an interrupt ends the tries quietly.
     */
    public void release(int triggerId, String owner) {
        for (int attempt = 1; ; attempt++) {
            try {
                Jdbc.withConnection(ds, c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE thc_feed_state SET claimed_until = NULL,"
                            + " claimed_by = NULL WHERE trigger_id = ? AND claimed_by = ?")) {
                        ps.setInt(1, triggerId);
                        ps.setString(2, owner);
                        return ps.executeUpdate();
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == RELEASE_TRIES) {
                    throw e;
                }
            }
            try {
                Thread.sleep(FIRST_RELEASE_PAUSE_MS << (attempt - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
