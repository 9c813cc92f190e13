package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes users, tokens and triggers into django-th's tables the way Django would: every NOT NULL column filled
 * with the model's default (the tables have no DEFAULTs), uuid4 for django_th_rss.uuid, the service rows
 * ServiceRss/ServiceEvernote created when missing. Used by the CLI and the demo.
 */
public final class DjangoThAdmin {
    public static final String RSS = "ServiceRss";
    public static final String EVERNOTE = "ServiceEvernote";
    /** Django's marker for "no usable password" (the user logs in through django-th or not at all). */
    private static final String UNUSABLE_PASSWORD = "!";

    private final DataSource ds;

    public DjangoThAdmin(DataSource ds) {
        this.ds = ds;
    }

    /** Creates the ServiceRss and ServiceEvernote rows (activated) when absent; existing rows are left alone. */
    public void ensureServices() {
        Jdbc.inTransaction(ds, c -> {
            insertService(c, RSS, false, "Feeds RSS/Atom");
            insertService(c, EVERNOTE, true, "Evernote");
            return null;
        });
    }

    private static void insertService(Connection c, String name, boolean authRequired, String description)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_servicesactivated (name, status, auth_required, description, self_hosted)"
                        + " VALUES (?, true, ?, ?, false) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, name);
            ps.setBoolean(2, authRequired);
            ps.setString(3, description);
            ps.executeUpdate();
        }
    }

    public Optional<Integer> userId(String username) {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM auth_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                }
            }
        });
    }

    /** Creates an active user; fails if the name is taken. */
    public int addUser(String username, String email) {
        return Jdbc.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,"
                            + " is_staff, is_active, date_joined) VALUES (?, NULL, false, ?, '', '', ?, false, true, now())"
                            + " RETURNING id")) {
                ps.setString(1, UNUSABLE_PASSWORD);
                ps.setString(2, username);
                ps.setString(3, email == null ? "" : email);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The user's UserService row for the service, created (with an empty token) when missing. */
    public int userService(Connection c, int userId, String service) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM django_th_userservice WHERE user_id = ? AND name_id = ? ORDER BY id LIMIT 1")) {
            ps.setInt(1, userId);
            ps.setString(2, service);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_userservice (token, name_id, user_id, client_id, client_secret, host, password,"
                        + " username, duration, counter_ok, counter_ko) VALUES ('', ?, ?, '', '', '', '', '', 'n', 0, 0)"
                        + " RETURNING id")) {
            ps.setString(1, service);
            ps.setInt(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stores the user's Evernote token (the value is never logged). */
    public void setEvernoteToken(int userId, String token) {
        Jdbc.inTransaction(ds, c -> {
            int id = userService(c, userId, EVERNOTE);
            try (PreparedStatement ps = c.prepareStatement("UPDATE django_th_userservice SET token = ? WHERE id = ?")) {
                ps.setString(1, token);
                ps.setInt(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Creates an active RSS→Evernote trigger as django-th's wizard would, and returns its id. */
    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created) {
        return addTrigger(userId, description, url, notebook, tags, created, (Duration) null);
    }

    /** As above, with the trigger's own poll interval (null: TH_POLL_INTERVAL). */
    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created,
                          Duration pollInterval) {
        Map<TriggerSettingsRepository.Column, Object> own = new EnumMap<>(TriggerSettingsRepository.Column.class);
        if (pollInterval != null) {
            own.put(TriggerSettingsRepository.Column.POLL_INTERVAL, Math.toIntExact(pollInterval.toSeconds()));
        }
        return addTrigger(userId, description, url, notebook, tags, created, own);
    }

    /**
     * As above, with the trigger's own settings, stored in thc_trigger_settings in the same transaction since
     * django-th has no column for them.
     */
    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created,
                          Map<TriggerSettingsRepository.Column, Object> own) {
        return Jdbc.inTransaction(ds, c -> {
            int triggerId = insertTrigger(c, userId, description, url, notebook, tags, created);
            new TriggerSettingsRepository(ds).update(c, triggerId, own);
            return triggerId;
        });
    }

    private int insertTrigger(Connection c, int userId, String description, String url, String notebook, String tags,
                              LocalDate created) throws SQLException {
        int provider = userService(c, userId, RSS);
        int consumer = userService(c, userId, EVERNOTE);
        int triggerId;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_triggerservice (description, date_created, date_triggered, status,"
                        + " provider_id, consumer_id, user_id, date_result, result, provider_failed,"
                        + " consumer_failed, counter_ok, counter_ko)"
                        + " VALUES (?, ?, NULL, true, ?, ?, ?, NULL, '', 0, 0, 0, 0) RETURNING id")) {
            ps.setString(1, description);
            ps.setObject(2, created);
            ps.setInt(3, provider);
            ps.setInt(4, consumer);
            ps.setInt(5, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                triggerId = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_rss (name, status, description, url, trigger_id, uuid)"
                        + " VALUES (?, true, '', ?, ?, ?)")) {
            ps.setString(1, description);
            ps.setString(2, url);
            ps.setInt(3, triggerId);
            ps.setObject(4, UUID.randomUUID());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_evernote (name, status, description, tag, notebook, title, text, trigger_id)"
                        + " VALUES ('', true, '', ?, ?, '', '', ?)")) {
            ps.setString(1, tags == null ? "" : tags);
            ps.setString(2, notebook == null ? "" : notebook);
            ps.setInt(3, triggerId);
            ps.executeUpdate();
        }
        return triggerId;
    }

    /**
     * Deletes the trigger as Django would (its django_th_rss and django_th_evernote rows first) together with the
     * service's own rows for it: ledger, feed state, settings and the entries still waiting in the outbox (delivered
     * and parked outbox rows stay as history). One transaction. Returns the pending entries dropped, or empty when
     * there is no such trigger.
     */
    public OptionalInt removeTrigger(int triggerId) {
        return Jdbc.inTransaction(ds, c -> {
            if (delete(c, "DELETE FROM django_th_triggerservice WHERE id = ?", triggerId) == 0) {
                return OptionalInt.empty();
            }
            // The foreign keys are DEFERRABLE INITIALLY DEFERRED: the order inside the transaction does not matter.
            delete(c, "DELETE FROM django_th_rss WHERE trigger_id = ?", triggerId);
            delete(c, "DELETE FROM django_th_evernote WHERE trigger_id = ?", triggerId);
            delete(c, "DELETE FROM thc_entry WHERE trigger_id = ?", triggerId);
            delete(c, "DELETE FROM thc_feed_state WHERE trigger_id = ?", triggerId);
            delete(c, "DELETE FROM thc_trigger_settings WHERE trigger_id = ?", triggerId);
            return OptionalInt.of(delete(c, "DELETE FROM thc_outbox WHERE trigger_id = ? AND state = 'pending'",
                    triggerId));
        });
    }

    private static int delete(Connection c, String sql, int triggerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, triggerId);
            return ps.executeUpdate();
        }
    }

    public void setTriggerUrl(int triggerId, String url) {
        Jdbc.withConnection(ds, c -> {
            new DjangoThRepository(ds).setFeedUrl(c, triggerId, url);
            return null;
        });
    }

    public void setTriggerStatus(int triggerId, boolean on) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE django_th_triggerservice SET status = ? WHERE id = ?")) {
                ps.setBoolean(1, on);
                ps.setInt(2, triggerId);
                return ps.executeUpdate();
            }
        });
    }
}
