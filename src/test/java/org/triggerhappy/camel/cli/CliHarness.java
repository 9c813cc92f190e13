package org.triggerhappy.camel.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** Runs CLI commands in-process against a test database, with given stdin and environment, capturing the output. */
final class CliHarness {
    private final TestDatabase.Db db;
    private final Map<String, String> config = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    CliHarness(TestDatabase.Db db, Path dataDir) {
        this.db = db;
        config.put("th.db.url", db.url());
        config.put("th.db.user", db.user());
        config.put("th.db.password", db.password());
        config.put("th.data.dir", dataDir.toString());
        // CLI fixtures link to example.org: no page or image fetch may leave loopback.
        config.put("th.full.content", "never");
        config.put("th.images", "link");
    }

    CliHarness set(String key, String value) {
        config.put(key, value);
        return this;
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(ConfigSource.of(config), env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = TriggerHappyCli.execute(ctx, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command running on its own thread (for commands that wait): its output can be read while it runs. */
    final class Running {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<Integer> exit;

        private Running(java.io.InputStream stdin, String... args) {
            CliContext ctx = new CliContext(ConfigSource.of(config), env, stdin,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> TriggerHappyCli.execute(ctx, args),
                    runnable -> {
                        Thread t = new Thread(runnable, "cli-under-test");
                        t.setDaemon(true);
                        t.start();
                    });
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** The first line of standard output matching {@code regex} (group 1 if it has one), waiting for it. */
        String awaitOutput(String regex, java.time.Duration within) throws InterruptedException {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
            long end = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < end) {
                java.util.regex.Matcher m = p.matcher(out());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (exit.isDone()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no output matching " + regex + " in: " + out() + " / " + err());
        }

        Result await(java.time.Duration within) throws Exception {
            int code = exit.get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return new Result(code, out(), err());
        }
    }

    Running start(java.io.InputStream stdin, String... args) {
        return new Running(stdin, args);
    }

    int queryInt(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /** The id in "trigger 7 added for alice". */
    static int addedTriggerId(Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("trigger (\\d+) added").matcher(r.out());
        if (!m.find()) {
            throw new AssertionError("no trigger id in: " + r);
        }
        return Integer.parseInt(m.group(1));
    }
}
