package org.triggerhappy.camel.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.triggerhappy.camel.persistence.Jdbc;
import org.triggerhappy.camel.persistence.LedgerRepository;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * How big the service's tables get: a fresh database lives through simulated days of F feeds with P new entries a
 * day each, read once a day (a document holds the last W entries), every entry delivered the same day, the
 * ledger pruned after R days (the service's own statements: {@link LedgerRepository#prune}, and V9's trigger that
 * drops a delivered row's content), VACUUM once a simulated week as autovacuum would. Rows are written in one
 * statement per table and day, shaped like the service's (64-character keys, a 2 KB entry body, URLs and titles of
 * ordinary length), with the simulated day's timestamps.
 */
final class TablesBench {

    /** Sizes in bytes (tables with their indexes and TOAST) and rows at the end. */
    record Figures(int feeds, int perDay, int days, int retentionDays, long entryRows, long outboxRows,
                   long entryBytes, long outboxBytes, long stateBytes, double seconds) {
    }

    private TablesBench() {
    }

    static Figures measure(int feeds, int perDay, int days, int retentionDays, int window) throws Exception {
        long t0 = System.nanoTime();
        TestDatabase.Db db = BenchSeeder.fresh();
        try (HikariDataSource ds = BenchSeeder.migrated(db)) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(days, ChronoUnit.DAYS);
            LedgerRepository ledger = new LedgerRepository();
            Duration retention = Duration.ofDays(retentionDays);
            try (Connection c = ds.getConnection()) {
                exec(c, "INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at, last_parsed_at)"
                        + " SELECT g, 'https://blog-' || g || '.example.org/feed.xml', ?, ?, ?"
                        + " FROM generate_series(1, " + feeds + ") g", start, start, start);
                for (int d = 0; d < days; d++) {
                    Instant now = start.plus(d, ChronoUnit.DAYS);
                    day(c, feeds, perDay, window, d, now);
                    while (ledger.prune(c, now, retention, 5000) == 5000) {
                        // in batches, as the service's housekeeping does
                    }
                    if (d % 7 == 6) {
                        vacuum(c);
                    }
                    if (d % 30 == 29) {
                        System.err.printf("[bench] tables: day %d of %d%n", d + 1, days);
                    }
                }
                vacuum(c);
                return new Figures(feeds, perDay, days, retentionDays, count(c, "SELECT count(*) FROM thc_entry"),
                        count(c, "SELECT count(*) FROM thc_outbox"),
                        count(c, "SELECT pg_total_relation_size('thc_entry')"),
                        count(c, "SELECT pg_total_relation_size('thc_outbox') + pg_total_relation_size('thc_outbox_payload')"),
                        count(c, "SELECT pg_total_relation_size('thc_feed_state')"),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** One simulated day: every feed read once, its new entries recorded, queued and delivered. */
    private static void day(Connection c, int feeds, int perDay, int window, int d, Instant now) throws SQLException {
        long first = (long) d * perDay + 1;
        long last = first + perDay - 1;
        String key = "md5(f || '-' || s) || md5(s || '-' || f)";
        String entries = " FROM generate_series(1, " + feeds + ") f, generate_series(" + first + ", " + last + ") s";
        c.setAutoCommit(false);
        // The reading: keys of the document's older entries are refreshed when last seen over a day ago.
        exec(c, "UPDATE thc_entry e SET last_seen_at = ? FROM (SELECT f, " + key + " AS k FROM generate_series(1, "
                + feeds + ") f, generate_series(" + Math.max(1, last - window + 1) + ", " + (first - 1) + ") s) w"
                + " WHERE e.trigger_id = w.f AND e.entry_key = w.k AND e.last_seen_at < ?", now,
                now.minus(1, ChronoUnit.DAYS));
        exec(c, "INSERT INTO thc_entry (trigger_id, entry_key, suffix, first_seen_at, last_seen_at, queued)"
                + " SELECT f, " + key + ", substr(md5('s' || s), 1, 16), ?, ?, true" + entries, now, now);
        exec(c, "WITH o AS (INSERT INTO thc_outbox (trigger_id, user_id, entry_key, feed_url, guid, link, title,"
                + " published, not_before, created_at)"
                + " SELECT f, f % 100 + 1, " + key + ", 'https://blog-' || f || '.example.org/feed.xml',"
                + " 'https://blog-' || f || '.example.org/?p=' || s,"
                + " 'https://blog-' || f || '.example.org/2026/12/04/an-ordinary-post-title-' || s,"
                + " 'An ordinary post title, number ' || s || ' of feed ' || f, ?, ?, ?" + entries
                + " RETURNING id, trigger_id, entry_key)"
                + " INSERT INTO thc_outbox_payload (outbox_id, content) SELECT o.id, (SELECT string_agg('<p>'"
                + " || md5(o.trigger_id || '.' || o.entry_key || '.' || i) || ' ' || md5(i || '.' || o.entry_key)"
                + " || '</p>', '') FROM generate_series(1, 28) i) FROM o", now, now, now);
        exec(c, "UPDATE thc_feed_state SET last_parsed_at = ?, last_checked_at = ?, last_success_at = ?,"
                + " next_check_at = ?, body_hash = md5(trigger_id || '-' || " + d + ") || md5('" + d + "'),"
                + " etag = '\"' || md5(trigger_id || '.' || " + d + ") || '\"', last_status = '200',"
                + " entries_total = entries_total + " + perDay, now, now, now, now.plus(15, ChronoUnit.MINUTES));
        c.commit();
        // Delivered the same day: V13's trigger drops the payload.
        exec(c, "UPDATE thc_outbox SET state = 'delivered', attempts = 1, note_guid = md5(id::text)::uuid::text,"
                + " delivered_at = ? WHERE state = 'pending'", now);
        c.commit();
        c.setAutoCommit(true);
    }

    private static void vacuum(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM (ANALYZE) thc_entry, thc_outbox, thc_outbox_payload, thc_feed_state");
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant t) {
                    ps.setTimestamp(i + 1, Jdbc.ts(t));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
