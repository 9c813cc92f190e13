package org.triggerhappy.camel.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.service.ServiceRuntime;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** The pool against a real PostgreSQL: a reply that never comes, and how many connections each command may take. */
class DatabaseFaultsTest {
    private final TestDatabase.Db db = TestDatabase.fresh();

    private Settings settings(String urlSuffix, String poolSize) {
        Map<String, String> m = new HashMap<>();
        m.put("th.db.url", db.url() + urlSuffix);
        m.put("th.db.user", db.user());
        m.put("th.db.password", db.password());
        if (poolSize != null) {
            m.put("th.db.pool.size", poolSize);
        }
        return Settings.load(ConfigSource.of(m));
    }

    @Test
    void a_statement_whose_reply_never_comes_fails_after_the_socket_timeout_and_the_pool_recovers() throws Exception {
        try (Database d = Database.open(settings("?socketTimeout=2", null), 2)) {
            long t0 = System.nanoTime();
            // The server stays silent past the socket timeout, as a half-open connection would.
            assertThatThrownBy(() -> {
                try (Connection c = d.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_sleep(30)");
                }
            }).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            try (Connection c = d.dataSource().getConnection(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT 41 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void every_connection_gets_the_default_socket_timeout() throws Exception {
        try (Database d = Database.open(settings("", null), 2);
             Connection c = d.dataSource().getConnection()) {
            assertThat(c.getNetworkTimeout()).isEqualTo(Database.SOCKET_TIMEOUT_SECONDS * 1000);
        }
    }

    @Test
    void pool_sizes_keep_two_services_and_a_cron_run_below_postgres_default_max_connections() throws Exception {
        Settings defaults = settings("", null);
        int service;
        int once;
        try (Database d = ServiceRuntime.openDatabase(defaults, true)) {
            service = ((HikariDataSource) d.dataSource()).getMaximumPoolSize();
        }
        try (Database d = ServiceRuntime.openDatabase(defaults, false)) {
            once = ((HikariDataSource) d.dataSource()).getMaximumPoolSize();
            // What the server sees: the cron run's pool, filled, stays within its size.
            Thread.sleep(1500);
            assertThat(connectionsTo(d)).isBetween(1, once);
        }
        // 100 minus PostgreSQL's 3 connections reserved for superusers.
        assertThat(2 * service + once).isLessThanOrEqualTo(97);
        assertThat(once).isLessThan(service);
        try (Database d = ServiceRuntime.openDatabase(settings("", "7"), false)) {
            assertThat(((HikariDataSource) d.dataSource()).getMaximumPoolSize()).isEqualTo(7);
        }
        assertThat(defaults.dbPoolSize(2)).isEqualTo(2);
    }

    private static int connectionsTo(Database d) throws SQLException {
        try (Connection c = d.dataSource().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
