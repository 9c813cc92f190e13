package org.triggerhappy.camel.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.TestDatabase;

class MigrationsTest {

    private static HikariDataSource ds(TestDatabase.Db db) {
        return ds(db, 2);
    }

    private static HikariDataSource ds(TestDatabase.Db db, int connections) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(connections);
        return ds;
    }

    /** Every column and index of the public schema, as text, to compare before and after. */
    private static List<String> shape(Connection c, String tablePattern) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name || '.' || column_name || ':' || data_type || ':' || coalesce(character_maximum_length, 0)"
                        + " || ':' || is_nullable || ':' || coalesce(column_default, '') FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND table_name LIKE '" + tablePattern + "' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " AND tablename LIKE '" + tablePattern + "' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void creates_django_th_tables_and_own_state_on_an_empty_database() throws Exception {
        try (HikariDataSource ds = ds(TestDatabase.fresh())) {
            Migrations.migrate(ds);
            try (Connection c = ds.getConnection()) {
                List<String> shape = shape(c, "%");
                assertThat(shape).anyMatch(s -> s.startsWith("django_th_triggerservice.date_triggered:timestamp with time zone"));
                assertThat(shape).anyMatch(s -> s.startsWith("django_th_rss.uuid:uuid"));
                assertThat(shape).anyMatch(s -> s.startsWith("thc_outbox.entry_key"));
                assertThat(shape).anyMatch(s -> s.startsWith("thc_schema_history."));
                // django-th's tables have no DEFAULTs: Django supplies them
                assertThat(shape).filteredOn(s -> s.startsWith("django_th_triggerservice.") && !s.startsWith("django_th_triggerservice.id:"))
                        .hasSize(13).allMatch(s -> s.endsWith(":"));
            }
            Migrations.migrate(ds); // idempotent
        }
    }

    @Test
    void v13_moves_the_content_of_entries_not_delivered_into_their_payload_rows() throws Exception {
        try (HikariDataSource ds = ds(TestDatabase.fresh())) {
            org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                    .table("thc_schema_history").baselineOnMigrate(true).baselineVersion("0").target("12").load()
                    .migrate();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO thc_outbox (trigger_id, user_id, entry_key, feed_url, content, state) VALUES"
                        + " (1, 1, 'a', 'u', '<p>pending</p>', 'pending'), (1, 1, 'b', 'u', '<p>parked</p>', 'parked'),"
                        + " (1, 1, 'c', 'u', NULL, 'delivered')");
            }
            Migrations.migrate(ds);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                assertThat(shape(c, "thc_outbox")).noneMatch(s -> s.startsWith("thc_outbox.content"));
                ResultSet rs = st.executeQuery("SELECT string_agg(o.entry_key || '=' || b.content, ',' ORDER BY o.id)"
                        + " FROM thc_outbox_payload b JOIN thc_outbox o ON o.id = b.outbox_id");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a=<p>pending</p>,b=<p>parked</p>");
                st.execute("UPDATE thc_outbox SET state = 'delivered' WHERE state = 'pending'");
                rs = st.executeQuery("SELECT count(*) FROM thc_outbox_payload");
                rs.next();
                assertThat(rs.getInt(1)).as("a delivered entry's payload goes").isEqualTo(1);
            }
        }
    }

    @Test
    void leaves_an_existing_django_th_database_unchanged() throws Exception {
        try (HikariDataSource ds = ds(TestDatabase.fresh())) {
            String ddl = new String(getClass().getResourceAsStream("/django/django_th_schema.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            List<String> before;
            List<String> otherBefore;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(ddl);
                before = shape(c, "django_th%");
                before.addAll(shape(c, "auth_%"));
                otherBefore = shape(c, "django_%");
            }
            Migrations.migrate(ds);
            try (Connection c = ds.getConnection()) {
                List<String> after = shape(c, "django_th%");
                after.addAll(shape(c, "auth_%"));
                assertThat(after).isEqualTo(before);
                assertThat(shape(c, "django_%")).isEqualTo(otherBefore);
                // first_name stays varchar(30) as on Django 2.x: V1 did not recreate the table
                assertThat(after).anyMatch(s -> s.startsWith("auth_user.first_name:character varying:30"));
                assertThat(shape(c, "thc_%")).isNotEmpty();
            }
        }
    }

    @Test
    void latest_is_the_newest_bundled_migration() throws Exception {
        Path dir = Path.of(Migrations.class.getResource("/db/migration").toURI());
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Migrations.LATEST).isEqualTo(newest);
    }

    @Test
    void flyway_runs_only_when_the_history_is_not_current() throws Exception {
        // One connection for the test's statements, two for Flyway (its lock and its work).
        try (HikariDataSource ds = ds(TestDatabase.fresh(), 3); Connection c = ds.getConnection();
             Statement st = c.createStatement()) {
            assertThat(Migrations.upToDate(ds)).as("no history yet").isFalse();
            Migrations.migrate(ds);
            assertThat(Migrations.upToDate(ds)).isTrue();
            Migrations.migrate(ds); // current: nothing to do
            assertThat(count(st, "SELECT count(*) FROM thc_schema_history")).isEqualTo(count(st,
                    "SELECT count(*) FROM thc_schema_history WHERE success"));

            // Behind (a database of the previous release): Flyway applies the newest migration.
            try (HikariDataSource previous = ds(TestDatabase.fresh(), 3); Connection pc = previous.getConnection();
                 Statement ps = pc.createStatement()) {
                Flyway.configure().dataSource(previous).locations("classpath:db/migration").table(Migrations.HISTORY)
                        .target(Integer.toString(Migrations.LATEST - 1)).load().migrate();
                assertThat(Migrations.upToDate(previous)).isFalse();
                Migrations.migrate(previous);
                assertThat(Migrations.upToDate(previous)).isTrue();
                assertThat(count(ps, "SELECT count(*) FROM thc_schema_history WHERE version = '" + Migrations.LATEST
                        + "' AND success")).isEqualTo(1);
            }

            // A failed migration: Flyway's to judge, and it refuses as it always did.
            st.execute("UPDATE thc_schema_history SET success = false WHERE version = '" + Migrations.LATEST + "'");
            assertThat(Migrations.upToDate(ds)).isFalse();
            assertThatThrownBy(() -> Migrations.migrate(ds)).isInstanceOf(FlywayException.class);
            st.execute("UPDATE thc_schema_history SET success = true");

            // Ahead (a newer release migrated it): Flyway's to judge too; it leaves a future migration alone.
            st.execute("INSERT INTO thc_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) SELECT max(installed_rank) + 1, '"
                    + (Migrations.LATEST + 1) + "', 'future', 'SQL', 'V" + (Migrations.LATEST + 1)
                    + "__future.sql', 0, 'test', 0, true FROM thc_schema_history");
            assertThat(Migrations.upToDate(ds)).isFalse();
            Migrations.migrate(ds);
        }
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
