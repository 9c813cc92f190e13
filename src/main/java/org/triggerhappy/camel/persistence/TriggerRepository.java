package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * django_th_triggerservice: triggers created and removed the way django-th's wizard does (with their feed, notebook
 * and own-settings rows), and their result, dates and counters kept up to date the way django-th's UI shows them
 * (without its bugs: counters are never swapped, a trigger is never switched off for transient failures).
 */
public final class TriggerRepository {
    private static final int RESULT_MAX = 255;

    private final DataSource ds;
    private final UserServiceRepository services;
    private final RssFeedRepository feeds;
    private final EvernoteNotebookRepository notebooks = new EvernoteNotebookRepository();
    private final TriggerSettingsRepository settings;
    private final OutboxRepository outbox;

    public TriggerRepository(DataSource ds) {
        this.ds = ds;
        this.services = new UserServiceRepository(ds);
        this.feeds = new RssFeedRepository(ds);
        this.settings = new TriggerSettingsRepository(ds);
        this.outbox = new OutboxRepository(ds);
    }

    /** Creates an active RSS→Evernote trigger as django-th's wizard would, and returns its id. */
    public int add(int userId, String description, String url, String notebook, String tags, LocalDate created) {
        return add(userId, description, url, notebook, tags, created, (Duration) null);
    }

    /** As above, with the trigger's own poll interval (null: TH_POLL_INTERVAL). */
    public int add(int userId, String description, String url, String notebook, String tags, LocalDate created,
                   Duration pollInterval) {
        Map<TriggerSettingsRepository.Column, Object> own = new EnumMap<>(TriggerSettingsRepository.Column.class);
        if (pollInterval != null) {
            own.put(TriggerSettingsRepository.Column.POLL_INTERVAL, Math.toIntExact(pollInterval.toSeconds()));
        }
        return add(userId, description, url, notebook, tags, created, own);
    }

    /**
     * As above, with the trigger's own settings, stored in thc_trigger_settings in the same transaction since
     * django-th has no column for them.
     */
    public int add(int userId, String description, String url, String notebook, String tags, LocalDate created,
                   Map<TriggerSettingsRepository.Column, Object> own) {
        return Jdbc.inTransaction(ds, c -> {
            int provider = services.userService(c, userId, UserServiceRepository.RSS);
            int consumer = services.userService(c, userId, UserServiceRepository.EVERNOTE);
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
            feeds.insert(c, triggerId, description, url);
            notebooks.insert(c, triggerId, notebook, tags);
            settings.update(c, triggerId, own);
            return triggerId;
        });
    }

    /**
     * Deletes the trigger as Django would (its django_th_rss and django_th_evernote rows first) together with the
     * service's own rows for it: ledger, feed state, settings and the entries still waiting in the outbox (delivered
     * and parked outbox rows stay as history). One transaction. Returns the pending entries dropped, or empty when
     * there is no such trigger.
     */
    public OptionalInt remove(int triggerId) {
        return Jdbc.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM django_th_triggerservice WHERE id = ?")) {
                ps.setInt(1, triggerId);
                if (ps.executeUpdate() == 0) {
                    return OptionalInt.empty();
                }
            }
            // The foreign keys are DEFERRABLE INITIALLY DEFERRED: the order inside the transaction does not matter.
            feeds.delete(c, triggerId);
            notebooks.delete(c, triggerId);
            Jdbc.deleteOfTrigger(c, "thc_entry", triggerId);
            Jdbc.deleteOfTrigger(c, "thc_feed_state", triggerId);
            Jdbc.deleteOfTrigger(c, "thc_trigger_settings", triggerId);
            return OptionalInt.of(outbox.deletePending(c, triggerId));
        });
    }

    public void setStatus(int triggerId, boolean on) {
        update("UPDATE django_th_triggerservice SET status = ? WHERE id = ?", ps -> ps.setBoolean(1, on), triggerId);
    }

    /** Switches the trigger off (feed gone for good), with the reason as its result. */
    public void disable(int triggerId, String message) {
        update("UPDATE django_th_triggerservice SET status = false, result = ?, date_result = now() WHERE id = ?",
                ps -> ps.setString(1, clip(message)), triggerId);
    }

    /** A poll succeeded: the trigger ran now; a feed error shown before is cleared. */
    public void pollSucceeded(Connection c, int triggerId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE django_th_triggerservice SET date_triggered = ?,"
                        + " result = CASE WHEN provider_failed > 0 THEN 'OK' ELSE result END,"
                        + " date_result = CASE WHEN provider_failed > 0 THEN ? ELSE date_result END,"
                        + " provider_failed = 0 WHERE id = ?")) {
            ps.setTimestamp(1, Jdbc.ts(now));
            ps.setTimestamp(2, Jdbc.ts(now));
            ps.setInt(3, triggerId);
            ps.executeUpdate();
        }
    }

    /** A fetch or parse failed: the reason is shown as the trigger's result. */
    public void pollFailed(Connection c, int triggerId, Instant now, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE django_th_triggerservice SET result = ?, date_result = ?, provider_failed = provider_failed + 1"
                        + " WHERE id = ?")) {
            ps.setString(1, clip(message));
            ps.setTimestamp(2, Jdbc.ts(now));
            ps.setInt(3, triggerId);
            ps.executeUpdate();
        }
    }

    /** A note could not be written (now or ever): the reason is the trigger's result, both counters count it. */
    public void noteFailed(DeliveryTarget t, String message) {
        Jdbc.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE django_th_triggerservice SET result = ?, date_result = now(), consumer_failed = consumer_failed + 1,"
                            + " counter_ko = counter_ko + 1 WHERE id = ?")) {
                ps.setString(1, clip(message));
                ps.setInt(2, t.triggerId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE django_th_userservice SET counter_ko = counter_ko + 1 WHERE id = ?")) {
                ps.setInt(1, t.consumerServiceId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface First {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** A one-row update whose last parameter is the trigger's id. */
    private void update(String sql, First first, int triggerId) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                first.bind(ps);
                ps.setInt(2, triggerId);
                return ps.executeUpdate();
            }
        });
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= RESULT_MAX ? s : s.substring(0, s.offsetByCodePoints(0, RESULT_MAX - 1)) + "…";
    }
}
