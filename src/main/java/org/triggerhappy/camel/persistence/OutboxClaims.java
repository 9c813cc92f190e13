package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.triggerhappy.camel.persistence.UserPauseRepository.Kind;
import org.triggerhappy.camel.persistence.UserPauseRepository.Pause;

/**
 * The outbox's claims, for deliveries that go well: the claim, which also brings back the entry's content, where
 * the note goes and whether its user is paused; and the record of written notes, a lane's batch at a time, which also
 * counts them on django-th's triggers and services. At hundreds of notes a second the database's per-statement cost
 * is what limits a small machine, so each is one round trip. The updates of one claim are {@link ClaimedOutbox}'s.
 */
public final class OutboxClaims {
    /**
     * "The item is pending", for statements that name their items by id, written so that no partial index on pending
     * rows can serve it: such statements then always take the primary key, whatever those indexes hold (entries of
     * dead row versions until a vacuum) and however stale the table's statistics.
     */
    static String pendingById(String alias) {
        return "(" + alias + "state || '') = 'pending'";
    }

    private static final String CLAIM = "WITH o AS (UPDATE thc_outbox SET claimed_until = now() + make_interval(secs => ?),"
            + " claimed_by = ?, attempts = attempts + 1, ambiguous = ambiguous OR claimed_until IS NOT NULL,"
            // a row an earlier attempt may have written a note for keeps what it has: its own count or none
            + " claim_no = claim_no + 1, sync_usn = CASE WHEN ambiguous OR claimed_until IS NOT NULL THEN sync_usn"
            + " ELSE coalesce(sync_usn, ?) END"
            + " WHERE id = ANY (?::bigint[]) AND " + pendingById("") + " AND not_before <= now()"
            + " AND (claimed_until IS NULL OR claimed_until < now())"
            + " RETURNING id, trigger_id, user_id, entry_key, feed_url, guid, link, title, published, attempts,"
            + " ambiguous, claim_no, sync_usn)"
            // each trigger's target and its user's pause read once, however many of its items were claimed
            + " , tg AS (SELECT d.trigger_id AS for_trigger, x.*, p.kind, p.paused_until, p.token_hash, p.reason"
            + " FROM (SELECT DISTINCT trigger_id FROM o) d"
            + " JOIN LATERAL (" + TriggerQueries.TARGET_SELECT + " WHERE t.id = d.trigger_id) x ON true"
            + " LEFT JOIN thc_user_pause p ON p.user_id = x.user_id)"
            + " SELECT o.id, o.trigger_id, o.user_id, o.entry_key, o.feed_url, o.guid, o.link, o.title, b.content,"
            + " o.published, o.attempts, o.ambiguous, o.claim_no, o.sync_usn, tg.*"
            + " FROM o LEFT JOIN thc_outbox_payload b ON b.outbox_id = o.id"
            + " LEFT JOIN tg ON tg.for_trigger = o.trigger_id";

    /**
     * Items of one holder marked delivered, each under its own claim number; the triggers and services count the
     * notes actually marked (RETURNING), so a lost claim counts nothing.
     */
    private static final String WRITTEN = "WITH o AS (UPDATE thc_outbox o SET state = 'delivered', note_guid = u.guid,"
            + " delivered_at = now(), claimed_until = NULL, claimed_by = NULL, last_error = NULL"
            + " FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS u(id, claim_no, guid)"
            + " WHERE o.id = u.id AND o.claimed_by = ? AND o.claim_no = u.claim_no AND " + pendingById("o.")
            + " RETURNING o.id, o.trigger_id),"
            + " n AS (SELECT trigger_id, count(*) AS notes FROM o GROUP BY trigger_id),"
            // the triggers locked in id order: two instances marking one user's notes never deadlock
            + " l AS (SELECT id FROM django_th_triggerservice WHERE id IN (SELECT trigger_id FROM n) ORDER BY id"
            + " FOR UPDATE),"
            + " t AS (UPDATE django_th_triggerservice t SET result = 'OK', date_result = now(), consumer_failed = 0,"
            + " counter_ok = counter_ok + n.notes FROM n JOIN l ON l.id = n.trigger_id WHERE t.id = n.trigger_id"
            + " RETURNING t.consumer_id, n.notes),"
            + " s AS (UPDATE django_th_userservice s SET counter_ok = counter_ok + c.notes"
            + " FROM (SELECT consumer_id, sum(notes) AS notes FROM t GROUP BY consumer_id) c WHERE s.id = c.consumer_id)"
            + " SELECT id FROM o";

    private final DataSource ds;

    public OutboxClaims(DataSource ds) {
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
     * Takes the items for delivery, in one statement, those that are pending, due and not held by a live lease;
     * counts an attempt of each. An item whose earlier lease ran out was left by a consumer that died or lost the
     * database mid-delivery, possibly after Evernote stored the note: it comes back marked ambiguous, so the next
     * attempt looks for that note first.
     *
     * @param syncBaseline the account's updateCount, when already known: stored on an item that has none and that
     *                     no earlier attempt could have written a note for
     * @return the items taken, in the order of {@code ids}
     */
    public List<Claimed> claim(List<Long> ids, String owner, Duration lease, Integer syncBaseline) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Claimed> taken = Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setString(2, owner);
                if (syncBaseline == null) {
                    ps.setNull(3, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(3, syncBaseline);
                }
                ps.setArray(4, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                Map<Long, Claimed> rows = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Claimed claimed = claimed(rs, owner);
                        rows.put(claimed.item().id(), claimed);
                    }
                }
                return rows;
            }
        });
        List<Claimed> inOrder = new ArrayList<>(taken.size());
        for (Long id : ids) {
            Claimed claimed = taken.remove(id);
            if (claimed != null) {
                inOrder.add(claimed);
            }
        }
        return inOrder;
    }

    /** {@link #claim(List, String, Duration, Integer)} for one item. */
    public Optional<Claimed> claim(long id, String owner, Duration lease, Integer syncBaseline) {
        List<Claimed> taken = claim(List.of(id), owner, lease, syncBaseline);
        return taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(0));
    }

    /** A note Evernote confirmed, to record under the claim of its outbox item. */
    public record Written(OutboxClaim claim, String noteGuid) {
    }

    /**
     * The notes exist: their items are delivered and the triggers and the users' Evernote services count them, all
     * in one statement, so the counters move exactly when the deliveries are recorded. Only under the claims still
     * held, all by one holder ({@link ClaimedOutbox#deliveredAs} tells a lost claim from one recorded before).
     *
     * @return the ids of the items this call marked
     */
    public Set<Long> written(List<Written> notes) {
        if (notes.isEmpty()) {
            return Set.of();
        }
        String owner = notes.get(0).claim().owner();
        Long[] ids = new Long[notes.size()];
        Long[] numbers = new Long[notes.size()];
        String[] guids = new String[notes.size()];
        for (int i = 0; i < notes.size(); i++) {
            OutboxClaim claim = notes.get(i).claim();
            if (!claim.owner().equals(owner)) {
                throw new IllegalArgumentException("one holder per batch");
            }
            ids[i] = claim.id();
            numbers[i] = claim.number();
            guids[i] = notes.get(i).noteGuid();
        }
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(WRITTEN)) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("bigint", numbers));
                ps.setArray(3, c.createArrayOf("text", guids));
                ps.setString(4, owner);
                Set<Long> marked = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marked.add(rs.getLong(1));
                    }
                }
                return marked;
            }
        });
    }

    /** {@link #written(List)} for one note: whether this call marked its item. */
    public boolean written(OutboxClaim claim, String noteGuid) {
        return written(List.of(new Written(claim, noteGuid))).contains(claim.id());
    }

    private static Claimed claimed(ResultSet rs, String owner) throws SQLException {
        OutboxItem item = new OutboxItem(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Jdbc.instant(rs.getTimestamp(10)),
                rs.getInt(11), rs.getBoolean(12));
        OutboxClaim claim = new OutboxClaim(item.id(), owner, rs.getLong(13));
        int usn = rs.getInt(14);
        Optional<Integer> baseline = rs.wasNull() ? Optional.empty() : Optional.of(usn);
        Optional<DeliveryTarget> target = TriggerQueries.target(rs, 16); // after tg.for_trigger
        int p = 16 + TriggerQueries.TARGET_COLUMNS;
        String kind = rs.getString(p);
        Optional<Pause> pause = kind == null ? Optional.empty() : Optional.of(new Pause(item.userId(),
                Kind.of(kind), Jdbc.instant(rs.getTimestamp(p + 1)), rs.getString(p + 2), rs.getString(p + 3)));
        return new Claimed(item, claim, baseline, target, pause);
    }
}
