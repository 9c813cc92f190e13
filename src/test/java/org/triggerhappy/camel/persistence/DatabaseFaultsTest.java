package org.triggerhappy.camel.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void a_connection_gone_silent_mid_statement_fails_after_the_socket_timeout() throws Exception {
        URI server = URI.create(db.url().substring("jdbc:".length()));
        try (StallingProxy proxy = new StallingProxy(server.getHost(), server.getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath() + "?socketTimeout=2";
            Map<String, String> m = new HashMap<>();
            m.put("th.db.url", url);
            m.put("th.db.user", db.user());
            m.put("th.db.password", db.password());
            try (Database d = Database.open(Settings.load(ConfigSource.of(m)), 1);
                 Connection c = d.dataSource().getConnection(); Statement st = c.createStatement()) {
                // The network stops carrying bytes, without a reset: what a dead NAT entry or a pulled cable does.
                // Only the socket timeout can end the wait of a statement already on its way.
                proxy.stall();
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> st.execute("SELECT 1")).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1500),
                        Duration.ofSeconds(10));
            }
        }
    }

    /** A TCP relay to the database that can stop relaying while keeping both connections open. */
    private static final class StallingProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean stalled;

        StallingProxy(String host, int port) throws IOException {
            Thread accept = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Socket upstream = new Socket(host, port);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "stalling-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void stall() {
            stalled = true;
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        while (stalled) {
                            Thread.sleep(50);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the relay ends with its connection
                }
            }, "stalling-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            stalled = false;
            listener.close();
            for (Socket s : sockets) {
                s.close();
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
