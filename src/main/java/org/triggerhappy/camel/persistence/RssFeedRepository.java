package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** django_th_rss: the feed of a trigger (django-th's provider side). */
public final class RssFeedRepository {
    private final DataSource ds;

    public RssFeedRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The trigger's feed row as django-th's wizard writes it (uuid4 for its uuid). */
    void insert(Connection c, int triggerId, String name, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_rss (name, status, description, url, trigger_id, uuid)"
                        + " VALUES (?, true, '', ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, url);
            ps.setInt(3, triggerId);
            ps.setObject(4, UUID.randomUUID());
            ps.executeUpdate();
        }
    }

    /** The trigger's feed moved (a permanent redirect, or the CLI): the row keeps the new URL. */
    public void setUrl(Connection c, int triggerId, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE django_th_rss SET url = ? WHERE trigger_id = ?")) {
            ps.setString(1, url);
            ps.setInt(2, triggerId);
            ps.executeUpdate();
        }
    }

    public void setUrl(int triggerId, String url) {
        Jdbc.withConnection(ds, c -> {
            setUrl(c, triggerId, url);
            return null;
        });
    }

    void delete(Connection c, int triggerId) throws SQLException {
        Jdbc.deleteOfTrigger(c, "django_th_rss", triggerId);
    }
}
