package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The updates a delivery makes to the outbox item it claimed, each fenced by the claim
 * ({@link OutboxClaim}): false means the claim was lost (its lease ran out and another consumer took the item), and
 * nothing was changed.
 */
public final class ClaimedOutbox {
    private static final String FENCE = " WHERE id = ? AND claimed_by = ? AND claim_no = ? AND state = 'pending'";

    private final DataSource ds;

    public ClaimedOutbox(DataSource ds) {
        this.ds = ds;
    }

    /** Back to pending, not before the given time, the lease ended; the error stays visible. */
    public boolean reschedule(OutboxClaim claim, Instant notBefore, String error, boolean ambiguous) {
        return update(claim, "not_before = ?, last_error = ?, last_error_at = now(), ambiguous = ambiguous OR ?,"
                + " claimed_until = NULL, claimed_by = NULL", ps -> {
                    ps.setTimestamp(1, Jdbc.ts(notBefore));
                    ps.setString(2, error);
                    ps.setBoolean(3, ambiguous);
                    return 4;
                });
    }

    /** Out of the automatic retries, with the reason visible; {@code outbox retry} sets it pending again. */
    public boolean park(OutboxClaim claim, String error) {
        return update(claim, "state = 'parked', last_error = ?, last_error_at = now(), claimed_until = NULL,"
                + " claimed_by = NULL", ps -> {
                    ps.setString(1, error);
                    return 2;
                });
    }

    /**
     * Stores the account's updateCount before the item's first createNote (an earlier one is kept: the notes changed
     * since the older count include those since the newer).
     */
    public boolean rememberSyncBaseline(OutboxClaim claim, int updateCount) {
        return update(claim, "sync_usn = coalesce(sync_usn, ?)", ps -> {
            ps.setInt(1, updateCount);
            return 2;
        });
    }

    /**
     * {@link #rememberSyncBaseline} for the items of one holder's claims, in one statement.
     *
     * @return the ids of the items still claimed (whether they had a count already or got this one)
     */
    public Set<Long> rememberSyncBaselines(List<OutboxClaim> held, int updateCount) {
        if (held.isEmpty()) {
            return Set.of();
        }
        Long[] ids = new Long[held.size()];
        Long[] numbers = new Long[held.size()];
        for (int i = 0; i < held.size(); i++) {
            ids[i] = held.get(i).id();
            numbers[i] = held.get(i).number();
        }
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE thc_outbox o SET sync_usn = coalesce(o.sync_usn, ?)"
                    + " FROM unnest(?::bigint[], ?::bigint[]) AS u(id, claim_no)"
                    + " WHERE o.id = u.id AND o.claimed_by = ? AND o.claim_no = u.claim_no"
                    + " AND " + OutboxClaims.pendingById("o.")
                    + " RETURNING o.id")) {
                ps.setInt(1, updateCount);
                ps.setArray(2, c.createArrayOf("bigint", ids));
                ps.setArray(3, c.createArrayOf("bigint", numbers));
                ps.setString(4, held.get(0).owner());
                Set<Long> stored = new HashSet<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getLong(1));
                    }
                }
                return stored;
            }
        });
    }

    /**
     * Gives the item back untouched, due at once, as if this claim had not been made (no attempt counted): a claim
     * taken with others whose turn came too late in its lease to start a createNote.
     */
    public boolean release(OutboxClaim claim) {
        return update(claim, "claimed_until = NULL, claimed_by = NULL, attempts = greatest(attempts - 1, 0)",
                ps -> 1);
    }

    /** Binds the SET clause's values and returns the index of the next parameter. */
    @FunctionalInterface
    private interface Values {
        int bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(OutboxClaim claim, String set, Values values) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE thc_outbox SET " + set + FENCE)) {
                int at = values.bind(ps);
                ps.setLong(at, claim.id());
                ps.setString(at + 1, claim.owner());
                ps.setLong(at + 2, claim.number());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Whether the item is recorded as delivered with this note (by this claim or by whoever recorded it first). */
    public boolean deliveredAs(long id, String noteGuid) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM thc_outbox WHERE id = ? AND state = 'delivered' AND note_guid = ?")) {
                ps.setLong(1, id);
                ps.setString(2, noteGuid);
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
