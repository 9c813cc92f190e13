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
import java.util.OptionalInt;
import javax.sql.DataSource;

/** Read-only questions about users, triggers and waiting entries for the CLI. */
public final class TriggerLookup {
    /** The user's Evernote token as the CLI reads it: the first ServiceEvernote UserService row (as tokens set writes). */
    private static final String EVERNOTE_TOKEN = "(SELECT s.token FROM django_th_userservice s WHERE s.user_id = u.id"
            + " AND s.name_id = '" + DjangoThAdmin.EVERNOTE + "' ORDER BY s.id LIMIT 1)";

    private final DataSource ds;

    public TriggerLookup(DataSource ds) {
        this.ds = ds;
    }

    /** One django-th user; {@code hasEvernoteToken} only tells whether a token is stored, never what it is. */
    public record UserSummary(int id, String username, String email, boolean active, int triggers,
                              boolean hasEvernoteToken) {
    }

    /** An active user and their Evernote token ('' when none). */
    public record UserToken(int userId, String username, String token) {
        @Override
        public String toString() {
            return "UserToken[userId=" + userId + ", username=" + username + "]";
        }
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

    /** An outbox entry not delivered yet, with where its note goes. */
    public record PendingEntry(OutboxItem item, String notebook, String tags, String description) {
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

    public List<UserSummary> users() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT u.id, u.username, u.email, u.is_active,"
                            + " (SELECT count(*) FROM django_th_triggerservice t WHERE t.user_id = u.id),"
                            + " coalesce(" + EVERNOTE_TOKEN + ", '') <> ''"
                            + " FROM auth_user u ORDER BY u.username");
                 ResultSet rs = ps.executeQuery()) {
                List<UserSummary> users = new ArrayList<>();
                while (rs.next()) {
                    users.add(new UserSummary(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getInt(5), rs.getBoolean(6)));
                }
                return users;
            }
        });
    }

    public boolean hasEvernoteToken(int userId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(" + EVERNOTE_TOKEN + ", '') <> '' FROM auth_user u WHERE u.id = ?")) {
                ps.setInt(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** Every active user with their Evernote token ('' when none), by username. */
    public List<UserToken> evernoteTokens() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT u.id, u.username, coalesce(" + EVERNOTE_TOKEN + ", '') FROM auth_user u"
                            + " WHERE u.is_active ORDER BY u.username");
                 ResultSet rs = ps.executeQuery()) {
                List<UserToken> tokens = new ArrayList<>();
                while (rs.next()) {
                    tokens.add(new UserToken(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
                return tokens;
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

    /** Outbox entries not delivered yet (not parked either), of one trigger or of all, oldest first. */
    public List<PendingEntry> pendingEntries(OptionalInt triggerId) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT o.id, o.trigger_id, o.user_id, o.entry_key, o.feed_url, o.guid, o.link, o.title, b.content,"
                            + " o.published, o.attempts, o.ambiguous,"
                            + " coalesce(e.notebook, ''), coalesce(e.tag, ''), coalesce(t.description, '')"
                            + " FROM thc_outbox o LEFT JOIN thc_outbox_payload b ON b.outbox_id = o.id"
                            + " LEFT JOIN django_th_triggerservice t ON t.id = o.trigger_id"
                            + " LEFT JOIN LATERAL (SELECT notebook, tag FROM django_th_evernote"
                            + "   WHERE trigger_id = o.trigger_id ORDER BY id LIMIT 1) e ON true"
                            + " WHERE o.state = 'pending' AND (? OR o.trigger_id = ?)"
                            + " ORDER BY o.id")) {
                ps.setBoolean(1, triggerId.isEmpty());
                ps.setInt(2, triggerId.orElse(0));
                List<PendingEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(pending(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static PendingEntry pending(ResultSet rs) throws SQLException {
        OutboxItem item = new OutboxItem(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Jdbc.instant(rs.getTimestamp(10)),
                rs.getInt(11), rs.getBoolean(12));
        return new PendingEntry(item, rs.getString(13), rs.getString(14), rs.getString(15));
    }
}
