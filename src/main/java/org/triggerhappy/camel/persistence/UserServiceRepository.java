package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * django-th's services: which are activated (django_th_servicesactivated) and each user's account with them
 * (django_th_userservice, where the Evernote token is kept). Rows are written the way Django would: every NOT NULL
 * column filled with the model's default (the tables have no DEFAULTs).
 */
public final class UserServiceRepository {
    public static final String RSS = "ServiceRss";
    public static final String EVERNOTE = "ServiceEvernote";
    /** The user's Evernote token as the CLI reads it: the first ServiceEvernote UserService row (as tokens set writes). */
    static final String EVERNOTE_TOKEN = "(SELECT s.token FROM django_th_userservice s WHERE s.user_id = u.id"
            + " AND s.name_id = '" + EVERNOTE + "' ORDER BY s.id LIMIT 1)";

    private final DataSource ds;

    public UserServiceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** An active user and their Evernote token ('' when none). */
    public record UserToken(int userId, String username, String token) {
        @Override
        public String toString() {
            return "UserToken[userId=" + userId + ", username=" + username + "]";
        }
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
}
