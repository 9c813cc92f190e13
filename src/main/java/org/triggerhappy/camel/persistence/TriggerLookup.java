package org.triggerhappy.camel.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Read-only questions about triggers for the CLI. */
public final class TriggerLookup {
    private final DataSource ds;

    public TriggerLookup(DataSource ds) {
        this.ds = ds;
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
}
