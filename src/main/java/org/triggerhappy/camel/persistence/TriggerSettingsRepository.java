package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** thc_trigger_settings: a trigger's own settings, one row per trigger that has any. */
public final class TriggerSettingsRepository {

    /** The settings one can change; a null value in {@link #update} means "back to the service's default". */
    public enum Column {
        POLL_INTERVAL("poll_interval_seconds"), FULL_CONTENT("full_content"), SELECTOR("article_selector"),
        IMAGES("images"), TITLE_TEMPLATE("title_template"),
        /** Replace the rules with the given String[] (null: none). */
        KEEP_RULES("keep_rules"), BLOCK_RULES("block_rules"),
        /** Append the given String[] to the rules already there. */
        ADD_KEEP_RULES("keep_rules", true), ADD_BLOCK_RULES("block_rules", true);

        private final String name;
        private final boolean append;

        Column(String name) {
            this(name, false);
        }

        Column(String name, boolean append) {
            this.name = name;
            this.append = append;
        }

        private String assignment() {
            return append ? name + " = coalesce(thc_trigger_settings." + name + ", '{}') || EXCLUDED." + name
                    : name + " = EXCLUDED." + name;
        }
    }

    private final DataSource ds;

    public TriggerSettingsRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Sets the given columns of the trigger's row (created when missing); the others keep their values. */
    public void update(int triggerId, Map<Column, Object> values) {
        Jdbc.inTransaction(ds, c -> {
            update(c, triggerId, values);
            return null;
        });
    }

    /** As {@link #update(int, Map)}, inside the caller's transaction. */
    public void update(Connection c, int triggerId, Map<Column, Object> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        List<Column> cols = new ArrayList<>(new EnumMap<>(values).keySet());
        String names = cols.stream().map(k -> k.name).collect(Collectors.joining(", "));
        String marks = cols.stream().map(k -> "?").collect(Collectors.joining(", "));
        String sets = cols.stream().map(Column::assignment).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thc_trigger_settings (trigger_id, " + names
                + ") VALUES (?, " + marks + ") ON CONFLICT (trigger_id) DO UPDATE SET " + sets)) {
            ps.setInt(1, triggerId);
            for (int i = 0; i < cols.size(); i++) {
                Object v = values.get(cols.get(i));
                ps.setObject(i + 2, v instanceof String[] array ? c.createArrayOf("text", array) : v);
            }
            ps.executeUpdate();
        }
    }
}
