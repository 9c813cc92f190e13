package org.triggerhappy.camel.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.config.Masked;

/**
 * The connection pool, opened on the configured PostgreSQL server or, when TH_DB_URL is unset, on an embedded
 * PostgreSQL whose data survives restarts under TH_DATA_DIR/pg (so the demo and a first try need no server).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * How long a statement may wait for the server's reply before its connection is dropped: a half-open connection
     * (the server or a NAT box gone without a reset) would otherwise block its thread, and with it a poll cycle, for
     * good. Generous for the service's statements; a {@code socketTimeout} in TH_DB_URL wins (0 turns it off).
     */
    public static final int SOCKET_TIMEOUT_SECONDS = 60;

    private final HikariDataSource dataSource;
    private final EmbeddedPostgres embedded;

    private Database(HikariDataSource dataSource, EmbeddedPostgres embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** A pool that keeps all {@code poolSize} connections open. */
    public static Database open(Settings s, int poolSize) {
        return open(s, poolSize, poolSize);
    }

    /**
     * A pool of at most {@code poolSize} connections that keeps {@code minimumIdle} open when idle: a short run opens
     * only what it uses (each connection is a server process and, often, a TLS handshake).
     */
    public static Database open(Settings s, int poolSize, int minimumIdle) {
        EmbeddedPostgres embedded = null;
        String url = s.dbUrl();
        String user = s.dbUser();
        String password = s.dbPassword();
        if (s.embeddedDatabase()) {
            embedded = startEmbedded(s.dataDir().resolve("pg"));
            url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
            user = "postgres";
            password = "";
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(Math.min(poolSize, minimumIdle));
        cfg.setPoolName("th-db");
        cfg.setConnectionTimeout(10_000);
        // Driver defaults that parameters of the URL override.
        cfg.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        cfg.addDataSourceProperty("connectTimeout", "10");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        // Idle connections are checked now and then, so one a firewall dropped is replaced before a cycle needs it.
        cfg.setKeepaliveTime(120_000);
        // Fail at once with a clear message instead of hanging when the server is down or the URL is wrong.
        cfg.setInitializationFailTimeout(10_000);
        try {
            HikariDataSource ds = new HikariDataSource(cfg);
            try (Connection c = ds.getConnection()) {
                LOG.info("database connected url={} server={}", Masked.url(url), c.getMetaData().getDatabaseProductVersion());
            }
            return new Database(ds, embedded);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(embedded);
            throw new ConfigException("cannot connect to the database " + Masked.url(url) + " as " + user + ": "
                    + Masked.text(rootMessage(e)), e);
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir);
            LOG.info("TH_DB_URL is unset: starting an embedded PostgreSQL with its data in {}", dir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot start the embedded PostgreSQL in " + dir + ": " + rootMessage(e)
                    + " (set TH_DB_URL to use a PostgreSQL server instead)", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one worth reporting
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    @Override
    public void close() {
        dataSource.close();
        closeQuietly(embedded);
    }
}
