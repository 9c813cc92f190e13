package org.triggerhappy.camel.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per call, on a real server: the one named by TH_TEST_DB_URL, else the local server on
 * 127.0.0.1:5432 when it answers, else an embedded PostgreSQL started once per test JVM. Never H2, never a mock.
 */
public final class TestDatabase {
    private static String adminUrl;
    private static String user;
    private static String password;
    private static EmbeddedPostgres embedded;
    /** Databases this JVM made, dropped when it exits (a test run would otherwise leave ~70 behind on the server). */
    private static final List<String> CREATED = new ArrayList<>();
    private static boolean keep;
    private static final int DROP_CONNECTIONS = 8;

    private TestDatabase() {
    }

    public record Db(String url, String user, String password) {
    }

    public static synchronized Db fresh() {
        init();
        String name = "th_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
        }
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        return new Db(url, user, password);
    }

    /** URLs of the databases this JVM made that still exist (the benchmark's autovacuum stand-in visits them). */
    public static synchronized List<Db> created() {
        List<Db> dbs = new ArrayList<>();
        if (adminUrl != null) {
            for (String name : CREATED) {
                dbs.add(new Db(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name, user, password));
            }
        }
        return dbs;
    }

    /** Keeps this JVM's databases when it exits (the benchmark's --keep-db 1). */
    public static synchronized void keepAtExit() {
        keep = true;
    }

    private static synchronized void dropCreated() {
        if (keep || CREATED.isEmpty()) {
            return;
        }
        // A drop takes a good part of a second; one after the other, a whole test run's databases outlast the
        // time Surefire gives a JVM to exit, and it is killed with most of them left behind. Several at once.
        List<String> names = new ArrayList<>(CREATED);
        int threads = Math.min(DROP_CONNECTIONS, names.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            pool.execute(() -> {
                try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                     Statement st = c.createStatement()) {
                    for (int i = first; i < names.size(); i += threads) {
                        try {
                            // FORCE (PostgreSQL 13+) ends the connections a pool still holds at exit.
                            st.execute("DROP DATABASE IF EXISTS " + names.get(i) + " WITH (FORCE)");
                        } catch (SQLException e) {
                            // already gone, or an older server: leave it
                        }
                    }
                } catch (SQLException e) {
                    // the server went away first (an embedded one stops at exit too): nothing to clean
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(25, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void init() {
        if (adminUrl != null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
        String configured = System.getenv("TH_TEST_DB_URL");
        user = env("TH_TEST_DB_USER", "postgres");
        password = env("TH_TEST_DB_PASSWORD", "");
        String candidate = configured != null && !configured.isBlank() ? configured
                : "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (Connection c = DriverManager.getConnection(candidate + "?connectTimeout=3", user, password)) {
            adminUrl = candidate;
            return;
        } catch (SQLException e) {
            if (configured != null && !configured.isBlank()) {
                throw new IllegalStateException("TH_TEST_DB_URL=" + configured + " does not answer: " + e.getMessage(), e);
            }
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            adminUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
            user = "postgres";
            password = "";
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL for tests: none on 127.0.0.1:5432 and the embedded one failed", e);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
