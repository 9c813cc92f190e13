package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads delivery settings from django-th's tables and keeps the trigger's result, dates and counters up to date the
 * way django-th's UI shows them (without its bugs: counters are never swapped, a trigger is never switched off
 * for transient failures).
 */
public final class DjangoThRepository {
    private static final int RESULT_MAX = 255;

    private final DataSource ds;

    public DjangoThRepository(DataSource ds) {
        this.ds = ds;
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

    /** The trigger's feed moved (a permanent redirect, or the CLI): django_th_rss keeps the new URL. */
    public void setFeedUrl(Connection c, int triggerId, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE django_th_rss SET url = ? WHERE trigger_id = ?")) {
            ps.setString(1, url);
            ps.setInt(2, triggerId);
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

    /** Switches the trigger off (feed gone for good), with the reason as its result. */
    public void disable(int triggerId, String message) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE django_th_triggerservice SET status = false, result = ?, date_result = now() WHERE id = ?")) {
                ps.setString(1, clip(message));
                ps.setInt(2, triggerId);
                return ps.executeUpdate();
            }
        });
    }

    /** A note could not be written (now or ever): the reason is the trigger's result. */
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

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= RESULT_MAX ? s : s.substring(0, s.offsetByCodePoints(0, RESULT_MAX - 1)) + "…";
    }
}
