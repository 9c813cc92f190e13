package org.triggerhappy.camel.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.service.ServiceRuntime;

/**
 * A fresh database (optionally laid out as an existing django-th database), a local feed server and a local
 * Evernote-compatible service, plus the settings that point the service at them.
 */
public final class ServiceFixture implements AutoCloseable {
    public final TestDatabase.Db db = TestDatabase.fresh();
    public final TestFeedServer feeds;
    public final FakeEvernote evernote;
    public final HikariDataSource ds;
    public final DjangoThSeed admin;
    private final Path dataDir;
    private final Map<String, String> extra = new HashMap<>();

    public ServiceFixture(Path dataDir, boolean existingDjangoTh) throws Exception {
        this.dataDir = dataDir;
        this.feeds = new TestFeedServer();
        this.evernote = new FakeEvernote();
        this.ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(4);
        if (existingDjangoTh) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(new String(ServiceFixture.class.getResourceAsStream("/django/django_th_schema.sql")
                        .readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Migrations.migrate(ds);
        this.admin = new DjangoThSeed(ds);
        admin.ensureServices();
    }

    /** The environment that points a service process ({@link CliProcess}) at this fixture's database, Evernote and feeds. */
    public java.util.Map<String, String> processEnv(Path dataDir) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("TH_DB_URL", db.url());
        env.put("TH_DB_USER", db.user());
        env.put("TH_DB_PASSWORD", db.password());
        env.put("TH_DATA_DIR", dataDir.toString());
        env.put("TH_EVERNOTE_URL", evernote.baseUrl());
        env.put("TH_EVERNOTE_TIMEOUT", "5s");
        env.put("TH_ALLOW_PRIVATE_NETWORKS", feeds.hostPort());
        env.put("TH_FETCH_TIMEOUT", "5s");
        env.put("TH_POLL_INTERVAL", "1s");
        // Fixture feeds link to example.org: no page or image fetch may leave loopback.
        env.put("TH_FULL_CONTENT", "never");
        env.put("TH_IMAGES", "link");
        return env;
    }

    /** A django-th user with an Evernote account on the fake whose token is {@code "tok-" + name}; its id. */
    public int addEvernoteUser(String name) {
        evernote.addAccount("tok-" + name, name);
        int user = admin.addUser(name, name + "@example.org");
        admin.setEvernoteToken(user, "tok-" + name);
        return user;
    }

    /** The titles of the notes in the account of this token, sorted. */
    public java.util.List<String> noteTitles(String token) {
        return evernote.notes(token).stream().map(FakeEvernote.StoredNote::title).sorted().toList();
    }

    /** Two days before today (UTC): a trigger created then delivers at its first poll what was published since. */
    public static java.time.LocalDate twoDaysAgo() {
        return java.time.LocalDate.ofInstant(java.time.Instant.now(), java.time.ZoneOffset.UTC).minusDays(2);
    }

    public ServiceFixture set(String key, String value) {
        extra.put(key, value);
        return this;
    }

    public Settings settings() {
        Map<String, String> m = new HashMap<>();
        m.put("th.db.url", db.url());
        m.put("th.db.user", db.user());
        m.put("th.db.password", db.password());
        m.put("th.data.dir", dataDir.toString());
        m.put("th.evernote.url", evernote.baseUrl());
        m.put("th.evernote.timeout", "5s");
        m.put("th.allow.private.networks", feeds.hostPort());
        m.put("th.fetch.concurrency", "4");
        m.put("th.fetch.timeout", "5s");
        // Fixture feeds link to example.org and other names: a test that wants full articles or embedded images
        // serves them on loopback and switches these on with set(...).
        m.put("th.full.content", "never");
        m.put("th.images", "link");
        // A running service opens two HTTP ports: free ones per call, so instances and parallel runs never clash.
        m.put("th.http.port", Integer.toString(freePort()));
        m.put("th.management.port", Integer.toString(freePort()));
        m.putAll(extra);
        return Settings.load(ConfigSource.of(m));
    }

    /** One {@code run --once}, as a fresh process would do it. */
    public OnceSummary runOnce() throws Exception {
        try (ServiceRuntime rt = ServiceRuntime.create(settings(), false)) {
            return rt.runOnce(Duration.ofMinutes(1));
        }
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int queryInt(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public String queryString(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        ds.close();
        feeds.close();
        evernote.close();
    }
}
