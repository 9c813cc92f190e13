package org.triggerhappy.camel.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Flyway migrations. django-th's own tables are created only where absent (V1 checks each one), never
 * altered; the service's state lives in its own {@code thc_} tables. The history table carries the same prefix so a
 * django-th database gains nothing outside it.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void migrate(DataSource ds) {
        MigrateResult r = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .table("thc_schema_history")
                // A django-th database is non-empty and has no history of ours: start counting at 0, apply V1+.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("database schema up to date: {} migration(s) applied, version {}", r.migrationsExecuted,
                r.targetSchemaVersion == null ? "unchanged" : r.targetSchemaVersion);
    }
}
