package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Users whose deliveries Evernote paused: a rate limit until a time, or a token that expired or was revoked, until
 * the token stored in django_th_userservice changes. Persisted, so a restart does not hammer Evernote.
 */
public final class UserPauseRepository {
    public enum Kind {
        RATE_LIMIT("rate_limit"), AUTH("auth"), QUOTA("quota");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        /** The value of thc_user_pause.kind. */
        public String column() {
            return column;
        }

        public static Kind of(String column) {
            for (Kind k : values()) {
                if (k.column.equals(column)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown pause kind " + column);
        }
    }

    public record Pause(int userId, Kind kind, Instant until, String tokenHash, String reason) {
    }

    private final DataSource ds;

    public UserPauseRepository(DataSource ds) {
        this.ds = ds;
    }

    public void pause(int userId, Kind kind, Instant until, String tokenHash, String reason) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO thc_user_pause (user_id, kind, paused_until, token_hash, reason) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (user_id) DO UPDATE SET kind = EXCLUDED.kind,"
                            + " paused_until = EXCLUDED.paused_until, token_hash = EXCLUDED.token_hash,"
                            + " reason = EXCLUDED.reason, since = now()")) {
                ps.setInt(1, userId);
                ps.setString(2, kind.column());
                ps.setTimestamp(3, Jdbc.ts(until));
                ps.setString(4, tokenHash);
                ps.setString(5, reason);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Users paused for an expired or invalid token whose Evernote token in django_th_userservice has changed since:
     * their deliveries may resume.
     */
    public java.util.List<Integer> usersWithRenewedToken() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT p.user_id FROM thc_user_pause p WHERE p.kind = 'auth' AND NOT EXISTS ("
                            + " SELECT 1 FROM django_th_userservice s WHERE s.user_id = p.user_id"
                            + " AND s.name_id = 'ServiceEvernote'"
                            + " AND encode(sha256(convert_to(s.token, 'UTF8')), 'hex') = p.token_hash)");
                 ResultSet rs = ps.executeQuery()) {
                java.util.List<Integer> users = new java.util.ArrayList<>();
                while (rs.next()) {
                    users.add(rs.getInt(1));
                }
                return users;
            }
        });
    }

    public void clear(int userId) {
        Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM thc_user_pause WHERE user_id = ?")) {
                ps.setInt(1, userId);
                return ps.executeUpdate();
            }
        });
    }
}
