package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable outbox (thc_outbox, thc_outbox_payload), its writes outside a delivery's claim: queueing, release for
 * delivery, per-user pauses, an operator's retry, removal with the trigger. Items are claimed with a lease before
 * delivery ({@link OutboxClaims}) so that two consumers (threads or instances) never work on one item at once, and an
 * item whose consumer died becomes claimable again when the lease ends; reads are {@link OutboxQueries}.
 */
public final class OutboxRepository {
    private static final String RETRY = "UPDATE thc_outbox o SET state = 'pending', not_before = now(), attempts = 0,"
            + " claimed_until = NULL, claimed_by = NULL, last_error = 'queued again by outbox retry',"
            + " last_error_at = now() WHERE o.state = 'parked'";

    private final DataSource ds;

    public OutboxRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * One entry to queue.
     *
     * @param waitUntil not delivered before this time, whatever else releases it (null: no such wait)
     */
    public record NewItem(String key, String guid, String link, String title, String content, Instant published,
                          Instant waitUntil) {
    }

    /**
     * Queues the entries of one trigger in one statement; returns entry key → outbox id.
     *
     * @param notBefore when they may be delivered (null: at once, or at their {@code waitUntil}); see
     *                  {@link #releaseForDelivery}
     */
    public java.util.Map<String, Long> insertAll(Connection c, int triggerId, int userId, String feedUrl,
                                                 List<NewItem> items, Instant notBefore) throws SQLException {
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        if (items.isEmpty()) {
            return ids;
        }
        int n = items.size();
        String[] keys = new String[n];
        String[] guids = new String[n];
        String[] links = new String[n];
        String[] titles = new String[n];
        String[] contents = new String[n];
        java.sql.Timestamp[] published = new java.sql.Timestamp[n];
        java.sql.Timestamp[] waits = new java.sql.Timestamp[n];
        for (int i = 0; i < n; i++) {
            NewItem it = items.get(i);
            keys[i] = it.key();
            guids[i] = it.guid();
            links[i] = it.link();
            titles[i] = it.title();
            contents[i] = it.content();
            published[i] = Jdbc.ts(it.published());
            waits[i] = Jdbc.ts(it.waitUntil());
        }
        // The row and its payload in one statement: the content is written here once (see V13).
        try (PreparedStatement ps = c.prepareStatement(
                "WITH u AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::timestamptz[], ?::timestamptz[]) AS u(k, g, l, t, b, p, w)),"
                        + " o AS (INSERT INTO thc_outbox (trigger_id, user_id, feed_url, entry_key, guid, link, title,"
                        + " published, not_before, deliver_after)"
                        + " SELECT ?, ?, ?, k, g, l, t, p, coalesce(w, ?::timestamptz, now()), w FROM u"
                        + " RETURNING id, entry_key),"
                        + " b AS (INSERT INTO thc_outbox_payload (outbox_id, content)"
                        + " SELECT o.id, u.b FROM o JOIN u ON u.k = o.entry_key::text)"
                        + " SELECT entry_key, id FROM o")) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setArray(2, c.createArrayOf("text", guids));
            ps.setArray(3, c.createArrayOf("text", links));
            ps.setArray(4, c.createArrayOf("text", titles));
            ps.setArray(5, c.createArrayOf("text", contents));
            ps.setArray(6, c.createArrayOf("timestamptz", published));
            ps.setArray(7, c.createArrayOf("timestamptz", waits));
            ps.setInt(8, triggerId);
            ps.setInt(9, userId);
            ps.setString(10, feedUrl);
            ps.setTimestamp(11, Jdbc.ts(notBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1).trim(), rs.getLong(2));
                }
            }
        }
        return ids;
    }

    /**
     * Entries held back at {@link #insertAll} while their full articles were fetched become due now, those in
     * {@code content} with that content instead of the feed's: one statement, so an entry is released with its
     * article or not at all. Items already claimed or delivered (the hold ran out and another consumer took them)
     * are left alone, their payload too. (A claim that waited for this statement's row lock, possible only once the
     * hold ran out, may still read the feed's content: what the hold's end promises anyway.)
     */
    public void releaseForDelivery(List<Long> ids, java.util.Map<Long, String> content) {
        if (ids.isEmpty()) {
            return;
        }
        Long[] idArray = ids.toArray(Long[]::new);
        List<Long> withArticle = new ArrayList<>();
        List<String> articles = new ArrayList<>();
        for (Long id : idArray) {
            String article = content.get(id);
            if (article != null) {
                withArticle.add(id);
                articles.add(article);
            }
        }
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "WITH r AS (UPDATE thc_outbox o SET not_before = greatest(now(), o.deliver_after)"
                            + " WHERE o.id = ANY (?::bigint[]) AND " + OutboxClaims.pendingById("o.")
                            + " AND o.claimed_until IS NULL"
                            + " RETURNING o.id)"
                            + " INSERT INTO thc_outbox_payload (outbox_id, content)"
                            + " SELECT u.id, u.b FROM unnest(?::bigint[], ?::text[]) AS u(id, b) JOIN r ON r.id = u.id"
                            + " ON CONFLICT (outbox_id) DO UPDATE SET content = excluded.content")) {
                ps.setArray(1, c.createArrayOf("bigint", idArray));
                ps.setArray(2, c.createArrayOf("bigint", withArticle.toArray(Long[]::new)));
                ps.setArray(3, c.createArrayOf("text", articles.toArray(String[]::new)));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Ends the lease of a delivery that was interrupted (its consumer is gone): the item is due again, marked
     * ambiguous because the note may have been stored. False if the lease changed meanwhile (another claim, even
     * by the same holder).
     */
    public boolean releaseInterrupted(OutboxQueries.Lease lease) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE thc_outbox SET claimed_until = NULL, claimed_by = NULL, ambiguous = true"
                            + " WHERE id = ? AND claimed_by = ? AND claim_no = ? AND state = 'pending'"
                            + " AND claimed_until IS NOT NULL")) {
                ps.setLong(1, lease.id());
                ps.setString(2, lease.holder());
                ps.setLong(3, lease.claimNo());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Delays every pending item of the user (rate limit, expired token) so the sweeper leaves them alone. */
    public int delayUser(int userId, Instant notBefore) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE thc_outbox SET not_before = GREATEST(not_before, ?) WHERE user_id = ? AND state = 'pending'")) {
                ps.setTimestamp(1, Jdbc.ts(notBefore));
                ps.setInt(2, userId);
                return ps.executeUpdate();
            }
        });
    }

    /** Makes every pending item of the user due now (its pause ended), except those waiting for their date. */
    public int releaseUser(int userId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE thc_outbox SET not_before = GREATEST(now(), coalesce(deliver_after, now()))"
                            + " WHERE user_id = ? AND state = 'pending'")) {
                ps.setInt(1, userId);
                return ps.executeUpdate();
            }
        });
    }

    /** Every parked item back to pending, due now with a fresh back-off; returns how many. */
    public int retryAll() {
        return update(RETRY, null);
    }

    /** The user's parked items back to pending; returns how many. */
    public int retryUser(int userId) {
        return update(RETRY + " AND o.user_id = ?", ps -> ps.setInt(1, userId));
    }

    /** These parked items back to pending (ids not parked are left alone); returns how many. */
    public int retryIds(List<Long> ids) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(RETRY + " AND o.id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                return ps.executeUpdate();
            }
        });
    }

    /** Drops the trigger's entries not yet delivered nor parked (the trigger is removed); returns how many. */
    int deletePending(Connection c, int triggerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM thc_outbox WHERE trigger_id = ? AND state = 'pending'")) {
            ps.setInt(1, triggerId);
            return ps.executeUpdate();
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (binder != null) {
                    binder.bind(ps);
                }
                return ps.executeUpdate();
            }
        });
    }
}
