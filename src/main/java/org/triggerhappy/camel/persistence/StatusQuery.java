package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the status page's figures from django-th's tables and the service's own (thc_feed_state, thc_outbox,
 * thc_user_pause) in one read-only snapshot, so the numbers agree with each other.
 */
public final class StatusQuery {
    private static final String TRIGGERS = """
            SELECT t.id, u.username, t.description, r.url,
                   (t.status AND u.is_active AND sp.status AND sc.status) AS served,
                   fs.last_checked_at, fs.next_check_at, fs.last_status, t.result, fs.last_error,
                   coalesce(fs.consecutive_failures, 0), coalesce(fs.entries_total, 0), t.counter_ok, t.counter_ko,
                   (SELECT count(*) FROM thc_outbox o WHERE o.trigger_id = t.id AND o.state = 'pending'),
                   (SELECT count(*) FROM thc_outbox o WHERE o.trigger_id = t.id AND o.state = 'parked')
            FROM django_th_triggerservice t
            JOIN auth_user u ON u.id = t.user_id
            JOIN django_th_userservice p ON p.id = t.provider_id AND p.name_id = 'ServiceRss'
            JOIN django_th_userservice c ON c.id = t.consumer_id AND c.name_id = 'ServiceEvernote'
            JOIN django_th_servicesactivated sp ON sp.name = p.name_id
            JOIN django_th_servicesactivated sc ON sc.name = c.name_id
            JOIN LATERAL (SELECT url FROM django_th_rss WHERE trigger_id = t.id ORDER BY id LIMIT 1) r ON true
            LEFT JOIN thc_feed_state fs ON fs.trigger_id = t.id
            ORDER BY u.username, t.id""";
    private static final String PAUSED = """
            SELECT p.user_id, u.username, p.kind, p.paused_until, p.since, p.reason,
                   (SELECT count(*) FROM thc_outbox o WHERE o.user_id = p.user_id AND o.state = 'pending')
            FROM thc_user_pause p
            LEFT JOIN auth_user u ON u.id = p.user_id
            WHERE p.kind = 'auth' OR p.paused_until > now()
            ORDER BY u.username, p.user_id""";
    private static final String OUTBOX = """
            SELECT count(*) FILTER (WHERE state = 'pending'),
                   count(*) FILTER (WHERE state = 'pending' AND not_before <= now()),
                   min(created_at) FILTER (WHERE state = 'pending'),
                   count(*) FILTER (WHERE state = 'parked')
            FROM thc_outbox WHERE state IN ('pending', 'parked')""";

    private static final String DEFERRED = "o.state = 'pending' AND o.last_error IS NOT NULL AND o.not_before > now()";
    private static final String HELD_BACK = "SELECT o.user_id, u.username,"
            + " count(*) FILTER (WHERE o.state = 'parked'),"
            + " (array_agg(o.last_error ORDER BY o.last_error_at DESC NULLS LAST) FILTER (WHERE o.state = 'parked'))[1],"
            + " count(*) FILTER (WHERE " + DEFERRED + "),"
            + " (array_agg(o.last_error ORDER BY o.last_error_at DESC NULLS LAST) FILTER (WHERE " + DEFERRED + "))[1]"
            + " FROM thc_outbox o LEFT JOIN auth_user u ON u.id = o.user_id"
            + " WHERE o.state = 'parked' OR (" + DEFERRED + ")"
            + " GROUP BY o.user_id, u.username ORDER BY u.username, o.user_id";

    private static final String BACKLOG = "SELECT (SELECT count(*) FROM thc_outbox WHERE state = 'pending'),"
            // An entry waiting for its publication date is late only from that date on.
            + " (SELECT coalesce(extract(epoch FROM now() - min(GREATEST(created_at, deliver_after))), 0)"
            + " FROM thc_outbox WHERE state = 'pending' AND (deliver_after IS NULL OR deliver_after <= now())),"
            + " (SELECT count(*) FROM thc_user_pause WHERE kind = 'auth' OR paused_until > now())";

    private final DataSource ds;
    private final Clock clock;

    public StatusQuery(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    public StatusSnapshot read() {
        return Jdbc.inTransaction(ds, c -> {
            // One snapshot for the three queries; read-only, so a bug here can never write.
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return new StatusSnapshot(clock.instant(), triggers(c), paused(c), outbox(c), heldBack(c));
        });
    }

    /** The outbox backlog and the paused users, for the gauges. */
    public record Backlog(long pending, double oldestSeconds, long pausedUsers) {
    }

    /** {@link Backlog} in one cheap query, bounded by a short timeout (a scrape must not hang on the database). */
    public Backlog backlog() {
        return Jdbc.withConnection(ds, c -> {
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(5);
                try (ResultSet rs = st.executeQuery(BACKLOG)) {
                    rs.next();
                    return new Backlog(rs.getLong(1), rs.getDouble(2), rs.getLong(3));
                }
            }
        });
    }

    private static List<StatusSnapshot.TriggerLine> triggers(Connection c) throws SQLException {
        List<StatusSnapshot.TriggerLine> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, TRIGGERS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int failures = rs.getInt(11);
                // The feed's own error while it keeps failing; otherwise django-th's result (which also says why
                // the last note failed).
                String result = failures > 0 && rs.getString(10) != null ? rs.getString(10) : rs.getString(9);
                out.add(new StatusSnapshot.TriggerLine(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), Jdbc.instant(rs.getTimestamp(6)),
                        Jdbc.instant(rs.getTimestamp(7)), rs.getString(8), result, failures, rs.getLong(12),
                        rs.getInt(13), rs.getInt(14), rs.getLong(15), rs.getLong(16)));
            }
        }
        return out;
    }

    private static List<StatusSnapshot.PausedUser> paused(Connection c) throws SQLException {
        List<StatusSnapshot.PausedUser> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, PAUSED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StatusSnapshot.PausedUser(rs.getInt(1), rs.getString(2),
                        pauseLabel(rs.getString(3)),
                        Jdbc.instant(rs.getTimestamp(4)), Jdbc.instant(rs.getTimestamp(5)), rs.getString(6),
                        rs.getLong(7)));
            }
        }
        return out;
    }

    private static List<StatusSnapshot.HeldBack> heldBack(Connection c) throws SQLException {
        List<StatusSnapshot.HeldBack> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, HELD_BACK); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StatusSnapshot.HeldBack(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)));
            }
        }
        return out;
    }

    private static String pauseLabel(String kind) {
        return switch (kind) {
            case "auth" -> "Evernote token";
            case "quota" -> "Evernote upload allowance";
            default -> "Evernote rate limit";
        };
    }

    private static StatusSnapshot.Outbox outbox(Connection c) throws SQLException {
        try (PreparedStatement ps = prepare(c, OUTBOX); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new StatusSnapshot.Outbox(rs.getLong(1), rs.getLong(2), Jdbc.instant(rs.getTimestamp(3)),
                    rs.getLong(4));
        }
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(10);
        return ps;
    }
}
