package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.triggerhappy.camel.persistence.UserPauseRepository.Kind;
import org.triggerhappy.camel.persistence.UserPauseRepository.Pause;

/**
 * The two statements of a delivery that goes well: the claim, which also brings back where the note goes and whether
 * its user is paused, and the record of the written note, which also counts it on django-th's trigger and service.
 * One round trip each instead of seven: at hundreds of notes a second the database's per-statement cost is what
 * limits a small machine.
 */
public final class DeliveryRecords {
    private static final String CLAIM = "WITH o AS (UPDATE thc_outbox SET claimed_until = now() + make_interval(secs => ?),"
            + " claimed_by = ?, attempts = attempts + 1, ambiguous = ambiguous OR claimed_until IS NOT NULL,"
            // a row an earlier attempt may have written a note for keeps what it has: its own count or none
            + " claim_no = claim_no + 1, sync_usn = CASE WHEN ambiguous OR claimed_until IS NOT NULL THEN sync_usn"
            + " ELSE coalesce(sync_usn, ?) END"
            + " WHERE id = ? AND state = 'pending' AND not_before <= now()"
            + " AND (claimed_until IS NULL OR claimed_until < now())"
            + " RETURNING id, trigger_id, user_id, entry_key, feed_url, guid, link, title, content, published, attempts,"
            + " ambiguous, claim_no, sync_usn)"
            + " SELECT o.id, o.trigger_id, o.user_id, o.entry_key, o.feed_url, o.guid, o.link, o.title, o.content,"
            + " o.published, o.attempts, o.ambiguous, o.claim_no, o.sync_usn,"
            + " tg.*, p.kind, p.paused_until, p.token_hash, p.reason"
            + " FROM o LEFT JOIN LATERAL (" + DjangoThRepository.TARGET_SELECT + " WHERE t.id = o.trigger_id) tg ON true"
            + " LEFT JOIN thc_user_pause p ON p.user_id = tg.user_id";

    private static final String WRITTEN = "WITH o AS (UPDATE thc_outbox SET state = 'delivered', note_guid = ?,"
            + " delivered_at = now(), claimed_until = NULL, claimed_by = NULL, last_error = NULL"
            + " WHERE id = ? AND claimed_by = ? AND claim_no = ? AND state = 'pending'"
            + " RETURNING trigger_id),"
            + " t AS (UPDATE django_th_triggerservice SET result = 'OK', date_result = now(), consumer_failed = 0,"
            + " counter_ok = counter_ok + 1 WHERE id = (SELECT trigger_id FROM o) RETURNING consumer_id)"
            + " UPDATE django_th_userservice SET counter_ok = counter_ok + 1 WHERE id = (SELECT consumer_id FROM t)";

    private final DataSource ds;

    public DeliveryRecords(DataSource ds) {
        this.ds = ds;
    }

    /**
     * An outbox item claimed for delivery, with its trigger's settings read at the same moment (empty when the trigger
     * was deleted) and the pause of its user, if any.
     */
    public record Claimed(OutboxItem item, OutboxClaim claim, Optional<Integer> syncBaseline,
                          Optional<DeliveryTarget> target, Optional<Pause> pause) {
    }

    /**
     * Takes the item for delivery if it is pending, due and not held by a live lease; counts the attempt. An item
     * whose earlier lease ran out was left by a consumer that died or lost the database mid-delivery, possibly after
     * Evernote stored the note: it comes back marked ambiguous, so the next attempt looks for that note first.
     *
     * @param syncBaseline the account's updateCount, when already known: stored on an item that has none and that
     *                     no earlier attempt could have written a note for
     */
    public Optional<Claimed> claim(long id, String owner, Duration lease, Integer syncBaseline) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setString(2, owner);
                if (syncBaseline == null) {
                    ps.setNull(3, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(3, syncBaseline);
                }
                ps.setLong(4, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(claimed(rs, owner)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The note exists: the item is delivered and the trigger and the user's Evernote service count it, all in one
     * statement, so the counters move exactly when the delivery is recorded. Only under the claim still held
     * ({@link ClaimedOutbox#deliveredAs} tells a lost claim from a user without a counter row).
     *
     * @return the rows counted: 0 when the claim was lost (or the user's service row is missing)
     */
    public int written(OutboxClaim claim, String noteGuid) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(WRITTEN)) {
                ps.setString(1, noteGuid);
                ps.setLong(2, claim.id());
                ps.setString(3, claim.owner());
                ps.setLong(4, claim.number());
                return ps.executeUpdate();
            }
        });
    }

    private static Claimed claimed(ResultSet rs, String owner) throws SQLException {
        OutboxItem item = new OutboxItem(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Jdbc.instant(rs.getTimestamp(10)),
                rs.getInt(11), rs.getBoolean(12));
        OutboxClaim claim = new OutboxClaim(item.id(), owner, rs.getLong(13));
        int usn = rs.getInt(14);
        Optional<Integer> baseline = rs.wasNull() ? Optional.empty() : Optional.of(usn);
        Optional<DeliveryTarget> target = DjangoThRepository.target(rs, 15);
        int p = 15 + DjangoThRepository.TARGET_COLUMNS;
        String kind = rs.getString(p);
        Optional<Pause> pause = kind == null ? Optional.empty() : Optional.of(new Pause(item.userId(),
                Kind.of(kind), Jdbc.instant(rs.getTimestamp(p + 1)), rs.getString(p + 2), rs.getString(p + 3)));
        return new Claimed(item, claim, baseline, target, pause);
    }
}
