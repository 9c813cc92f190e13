package org.triggerhappy.camel.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.TestDatabase;

class MigrationsTest {

    private static HikariDataSource ds(TestDatabase.Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
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
}
