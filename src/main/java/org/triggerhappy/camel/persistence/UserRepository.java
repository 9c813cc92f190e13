package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** django-th's users (auth_user), written the way Django would. */
public final class UserRepository {
    /** Django's marker for "no usable password" (the user logs in through django-th or not at all). */
    private static final String UNUSABLE_PASSWORD = "!";

    private final DataSource ds;

    public UserRepository(DataSource ds) {
        this.ds = ds;
    }

    /** One django-th user; {@code hasEvernoteToken} only tells whether a token is stored, never what it is. */
    public record UserSummary(int id, String username, String email, boolean active, int triggers,
                              boolean hasEvernoteToken) {
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

    /** Every user, by name, with how many triggers they have and whether an Evernote token is stored. */
    public List<UserSummary> users() {
        return Jdbc.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT u.id, u.username, u.email, u.is_active,"
                            + " (SELECT count(*) FROM django_th_triggerservice t WHERE t.user_id = u.id),"
                            + " coalesce(" + UserServiceRepository.EVERNOTE_TOKEN + ", '') <> ''"
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
}
