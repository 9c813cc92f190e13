package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** django_th_evernote: where a trigger's notes go (notebook, tags; django-th's consumer side). */
final class EvernoteNotebookRepository {

    void insert(Connection c, int triggerId, String notebook, String tags) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO django_th_evernote (name, status, description, tag, notebook, title, text, trigger_id)"
                        + " VALUES ('', true, '', ?, ?, '', '', ?)")) {
            ps.setString(1, tags == null ? "" : tags);
            ps.setString(2, notebook == null ? "" : notebook);
            ps.setInt(3, triggerId);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, int triggerId) throws SQLException {
        Jdbc.deleteOfTrigger(c, "django_th_evernote", triggerId);
    }
}
