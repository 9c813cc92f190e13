package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads of django-th's triggers (django_th_triggerservice) with their feed, notebook and own settings: as the CLI
 * lists them, as a poll reads one, and where one's notes go.
 */
public final class TriggerQueries {
    private final DataSource ds;

    public TriggerQueries(DataSource ds) {
        this.ds = ds;
    }

    /**
     * One trigger as the CLI lists it.
     *
     * @param settings  the trigger's own settings (each null for the service's default)
     * @param lastCheck the service's last fetch of the feed, null before the first
     * @param nextCheck when the service fetches it next, null before the first
     */
    public record TriggerSummary(int id, String user, boolean on, String description, String url, String notebook,
                                 String tags, TriggerSettings settings, Instant lastCheck, Instant nextCheck,
                                 String result) {
        /** The trigger's own poll interval, null for TH_POLL_INTERVAL. */
        public Duration interval() {
            return settings.pollInterval();
        }
    }

    public List<Integer> triggerIdsOf(int userId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM django_th_triggerservice WHERE user_id = ? ORDER BY id")) {
                ps.setInt(1, userId);
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                return ids;
            }
        });
    }

    public boolean triggerExists(int triggerId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM django_th_triggerservice WHERE id = ?")) {
                ps.setInt(1, triggerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Every trigger (whatever its services), by id. */
    public List<TriggerSummary> triggers() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT t.id, u.username, t.status, t.description, coalesce(r.url, ''), coalesce(e.notebook, ''),"
                            + " coalesce(e.tag, ''), ts.poll_interval_seconds, fs.last_checked_at, fs.next_check_at,"
                            + " t.result, ts.full_content, ts.article_selector, ts.images,"
                            + " to_json(ts.keep_rules)::text, to_json(ts.block_rules)::text, ts.title_template"
                            + " FROM django_th_triggerservice t JOIN auth_user u ON u.id = t.user_id"
                            + " LEFT JOIN LATERAL (SELECT url FROM django_th_rss WHERE trigger_id = t.id"
                            + "   ORDER BY id LIMIT 1) r ON true"
                            + " LEFT JOIN LATERAL (SELECT notebook, tag FROM django_th_evernote WHERE trigger_id = t.id"
                            + "   ORDER BY id LIMIT 1) e ON true"
                            + " LEFT JOIN thc_trigger_settings ts ON ts.trigger_id = t.id"
                            + " LEFT JOIN thc_feed_state fs ON fs.trigger_id = t.id"
                            + " ORDER BY t.id");
                 ResultSet rs = ps.executeQuery()) {
                List<TriggerSummary> triggers = new ArrayList<>();
                while (rs.next()) {
                    TriggerSettings settings = new TriggerSettings(TriggerSettings.interval(rs.getObject(8)),
                            TriggerSettings.fullContent(rs.getString(12)), rs.getString(13),
                            TriggerSettings.images(rs.getString(14)), TriggerSettings.rules(rs.getString(15)),
                            TriggerSettings.rules(rs.getString(16)), rs.getString(17));
                    triggers.add(new TriggerSummary(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), settings,
                            Jdbc.instant(rs.getTimestamp(9)), Jdbc.instant(rs.getTimestamp(10)), rs.getString(11)));
                }
                return triggers;
            }
        });
    }

    /**
     * One trigger as a poll reads it (its feed URL, own settings, rules and title template), whether it is on or off;
     * empty when there is no such trigger. The feed URL is '' when the trigger has no django_th_rss row.
     */
    public Optional<Trigger> trigger(int triggerId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT t.id AS trigger_id, t.user_id AS user_id, t.description AS description,"
                            + " t.date_created AS date_created, t.date_triggered AS date_triggered,"
                            + " coalesce(r.url, '') AS feed_url, ts.poll_interval_seconds AS poll_interval_seconds,"
                            + " ts.full_content AS full_content, ts.article_selector AS article_selector,"
                            + " to_json(ts.keep_rules)::text AS keep_rules, to_json(ts.block_rules)::text AS block_rules,"
                            + " ts.title_template AS title_template"
                            + " FROM django_th_triggerservice t"
                            + " LEFT JOIN LATERAL (SELECT url FROM django_th_rss WHERE trigger_id = t.id"
                            + "   ORDER BY id LIMIT 1) r ON true"
                            + " LEFT JOIN thc_trigger_settings ts ON ts.trigger_id = t.id"
                            + " WHERE t.id = ?")) {
                ps.setInt(1, triggerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Map<String, Object> row = new HashMap<>();
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    return Optional.of(Trigger.from(row));
                }
            }
        });
    }

    /**
     * Where one trigger's notes go: its row, its consumer UserService (the token) and its first django_th_evernote
     * row (notebook, tags), its own settings and the feed's title as last read, as the columns
     * {@link #target(ResultSet, int)} reads. Callers add the WHERE on
     * {@code t.id}; the delivery claim uses it as a lateral subquery, so both read the target the same way.
     */
    static final String TARGET_SELECT = "SELECT t.id, t.user_id, c.id, c.token, coalesce(e.notebook, ''),"
            + " coalesce(e.tag, ''), t.description, ts.images, fs.feed_title"
            + " FROM django_th_triggerservice t"
            + " JOIN django_th_userservice c ON c.id = t.consumer_id"
            + " LEFT JOIN LATERAL (SELECT notebook, tag FROM django_th_evernote"
            + "   WHERE trigger_id = t.id ORDER BY id LIMIT 1) e ON true"
            + " LEFT JOIN thc_trigger_settings ts ON ts.trigger_id = t.id"
            + " LEFT JOIN thc_feed_state fs ON fs.trigger_id = t.id";
    /** Columns of {@link #TARGET_SELECT}. */
    static final int TARGET_COLUMNS = 9;

    public Optional<DeliveryTarget> target(int triggerId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(TARGET_SELECT + " WHERE t.id = ?")) {
                ps.setInt(1, triggerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? target(rs, 1) : Optional.empty();
                }
            }
        });
    }

    /** The target in the columns of {@link #TARGET_SELECT} starting at {@code first}; empty when they are NULL. */
    static Optional<DeliveryTarget> target(ResultSet rs, int first) throws SQLException {
        int triggerId = rs.getInt(first);
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryTarget(triggerId, rs.getInt(first + 1), rs.getInt(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                TriggerSettings.images(rs.getString(first + 7)), rs.getString(first + 8)));
    }
}
