package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Flyway migrations. django-th's own tables are created only where absent (V1 checks each one), never
 * altered; the service's state lives in its own {@code thc_} tables. The history table carries the same prefix so a
 * django-th database gains nothing outside it.
 * <p>
 * A database whose history already ends, successfully, at the newest bundled migration is left alone without
 * starting Flyway: loading it and validating the history took a good part of every {@code run --once}. Any other
 * history (none yet, behind, ahead, a failed migration) goes to Flyway as before, whose lock makes two instances
 * starting at once migrate one after the other.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** Flyway's history table, in the connection's current schema. */
    static final String HISTORY = "thc_schema_history";
    /** The newest migration in db/migration (MigrationsTest checks it against the files). */
    static final int LATEST = 13;

    private Migrations() {
    }

    public static void migrate(DataSource ds) {
        if (upToDate(ds)) {
            LOG.debug("database schema up to date: version {}", LATEST);
            return;
        }
        MigrateResult r = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .table(HISTORY)
                // A django-th database is non-empty and has no history of ours: start counting at 0, apply V1+.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("database schema up to date: {} migration(s) applied, version {}", r.migrationsExecuted,
                r.targetSchemaVersion == null ? "unchanged" : r.targetSchemaVersion);
    }

    /**
     * True when the history table exists, every migration in it succeeded and the newest is {@link #LATEST}; false
     * for anything else, and when it cannot be read (Flyway then says what is wrong).
     */
    static boolean upToDate(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String table;
            try (ResultSet rs = st.executeQuery("SELECT to_regclass(quote_ident(current_schema()) || '." + HISTORY
                    + "')::text")) {
                table = rs.next() ? rs.getString(1) : null;
            }
            if (table == null) {
                return false;
            }
            int newest = -1;
            try (ResultSet rs = st.executeQuery("SELECT version, success FROM " + table)) {
                while (rs.next()) {
                    String version = rs.getString(1);
                    if (!rs.getBoolean(2) || version == null || !version.matches("\\d{1,9}")) {
                        return false; // a failed, repeatable or dotted migration: not ours to judge
                    }
                    newest = Math.max(newest, Integer.parseInt(version));
                }
            }
            return newest == LATEST;
        } catch (SQLException e) {
            return false;
        }
    }
}
