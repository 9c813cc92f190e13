package org.triggerhappy.camel.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * A fresh, migrated database with {@code users} django-th users (each with an Evernote token known to the fake
 * Evernote) and {@code triggers} active RSS→Evernote triggers: trigger {@code g} belongs to user {@code g % users}
 * and polls farm feed {@code g % feeds}. Triggers are inserted in bulk (three INSERT … SELECT statements).
 */
final class BenchSeeder {
    private static final List<TestDatabase.Db> CREATED = new ArrayList<>();
    /** {@code name=value} settings every seeded database gets (ALTER DATABASE … SET), for its future sessions. */
    private static volatile List<String> settings = List.of();

    private BenchSeeder() {
    }

    /** Drops every database seeded by this JVM (they are large: 100,000 ledger rows for 10,000 feeds). */
    static synchronized void dropAll() {
        for (TestDatabase.Db db : CREATED) {
            String name = db.url().substring(db.url().lastIndexOf('/') + 1);
            String admin = db.url().substring(0, db.url().lastIndexOf('/') + 1) + "postgres";
            try (Connection c = DriverManager.getConnection(admin, db.user(), db.password());
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }
        CREATED.clear();
    }

    /** {@code --db-settings}: space-separated {@code name=value} pairs, e.g. to log every statement with its CPU. */
    static void databaseSettings(String spaceSeparated) {
        settings = spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    /** A fresh, empty database, dropped at the end unless --keep-db 1. */
    static TestDatabase.Db fresh() {
        TestDatabase.Db db = TestDatabase.fresh();
        synchronized (BenchSeeder.class) {
            CREATED.add(db);
        }
        return db;
    }

    /** A small pool on the database, its schema migrated. */
    static HikariDataSource migrated(TestDatabase.Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
        Migrations.migrate(ds);
        return ds;
    }

    /**
     * @param dateTriggered the triggers' last run: a first poll delivers only items published at or after it
     */
    static TestDatabase.Db seed(int users, int triggers, FeedFarm farm, int feeds, Instant dateTriggered,
                                FakeEvernote evernote, String tokenPrefix) throws Exception {
        TestDatabase.Db db = fresh();
        try (HikariDataSource ds = migrated(db)) {
            UserServiceRepository admin = new UserServiceRepository(ds);
            admin.ensureServices();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE bench_users (idx int PRIMARY KEY, user_id int, p int, c int)");
                }
                try (PreparedStatement user = c.prepareStatement(
                        "INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name,"
                                + " email, is_staff, is_active, date_joined)"
                                + " VALUES ('!', NULL, false, ?, '', '', ?, false, true, now()) RETURNING id");
                     PreparedStatement token = c.prepareStatement(
                             "UPDATE django_th_userservice SET token = ? WHERE id = ?");
                     PreparedStatement map = c.prepareStatement("INSERT INTO bench_users VALUES (?, ?, ?, ?)")) {
                    for (int u = 0; u < users; u++) {
                        user.setString(1, "bench" + u);
                        user.setString(2, "bench" + u + "@example.org");
                        int id;
                        try (var rs = user.executeQuery()) {
                            rs.next();
                            id = rs.getInt(1);
                        }
                        int provider = admin.userService(c, id, UserServiceRepository.RSS);
                        int consumer = admin.userService(c, id, UserServiceRepository.EVERNOTE);
                        String t = tokenPrefix + u;
                        token.setString(1, t);
                        token.setInt(2, consumer);
                        token.executeUpdate();
                        evernote.addAccount(t, "bench" + u);
                        map.setInt(1, u);
                        map.setInt(2, id);
                        map.setInt(3, provider);
                        map.setInt(4, consumer);
                        map.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO django_th_triggerservice (description, date_created, date_triggered, status,"
                                + " provider_id, consumer_id, user_id, date_result, result, provider_failed,"
                                + " consumer_failed, counter_ok, counter_ko)"
                                + " SELECT 'bench feed ' || (g % ?), ?, ?, true, u.p, u.c, u.user_id, NULL, '', 0, 0, 0, 0"
                                + " FROM generate_series(0, ? - 1) g JOIN bench_users u ON u.idx = g % ? ORDER BY g")) {
                    ps.setInt(1, feeds);
                    ps.setObject(2, LocalDate.ofInstant(dateTriggered, ZoneOffset.UTC).minusDays(30));
                    ps.setTimestamp(3, Timestamp.from(dateTriggered));
                    ps.setInt(4, triggers);
                    ps.setInt(5, users);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO django_th_rss (name, status, description, url, trigger_id, uuid)"
                                + " SELECT t.description, true, '', ? || substring(t.description from 12) || '.xml',"
                                + " t.id, gen_random_uuid() FROM django_th_triggerservice t")) {
                    ps.setString(1, farm.baseUrl());
                    ps.executeUpdate();
                }
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO django_th_evernote (name, status, description, tag, notebook, title,"
                            + " text, trigger_id) SELECT '', true, '', 'bench', 'Bench', '', '', t.id"
                            + " FROM django_th_triggerservice t");
                    st.execute("ANALYZE");
                }
                c.commit();
                String name = db.url().substring(db.url().lastIndexOf('/') + 1);
                try (Statement st = c.createStatement()) {
                    for (String setting : settings) {
                        int eq = setting.indexOf('=');
                        if (eq <= 0 || !setting.substring(0, eq).matches("[a-z_.]+")) {
                            throw new IllegalArgumentException("--db-settings: name=value expected, got " + setting);
                        }
                        st.execute("ALTER DATABASE " + name + " SET " + setting.substring(0, eq) + " TO '"
                                + setting.substring(eq + 1).replace("'", "''") + "'");
                    }
                }
                c.commit();
            }
        }
        return db;
    }
}
