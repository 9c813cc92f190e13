package org.triggerhappy.camel.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.persistence.UserServiceRepository;

/**
 * What the management commands take from the outside world: configuration, environment, standard streams and the
 * database. The process uses {@link #system()}; tests pass their own configuration and streams.
 */
public final class CliContext {
    private final ConfigSource config;
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;

    public CliContext(ConfigSource config, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this(config, env, in, out, err, null);
    }

    private CliContext(ConfigSource config, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                       Console console) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
    }

    /** The process's configuration (overrides > -D > environment > application.properties) and streams. */
    public static CliContext system() {
        // System.console() is non-null only when stdin and stdout are a terminal: then secrets are read without echo.
        return new CliContext(ConfigSource.standard(Map.of()), System.getenv(), System.in, System.out, System.err,
                System.console());
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Standard input, for commands that read more than one secret line (tokens login waits for a pasted address). */
    InputStream in() {
        return in;
    }

    /** An environment variable, null when unset or empty. */
    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Settings settings() {
        return Settings.load(config);
    }

    /** One line typed without echo on a terminal, else read from standard input; null at end of input. */
    String readSecretLine(String prompt) {
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    /**
     * The configured database, migrated, with the ServiceRss/ServiceEvernote rows present: a command works on an
     * empty database as on a django-th one. A small pool (unless TH_DB_POOL_SIZE says): one command, one
     * connection at a time.
     */
    public Database database(Settings settings) {
        Database db = Database.open(settings, settings.dbPoolSize(Settings.COMMAND_POOL));
        try {
            Migrations.migrate(db.dataSource());
            new UserServiceRepository(db.dataSource()).ensureServices();
            return db;
        } catch (FlywayException e) {
            db.close();
            throw new ConfigException("cannot bring the database schema up to date: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Database database() {
        return database(settings());
    }
}
