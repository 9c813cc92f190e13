package org.triggerhappy.camel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's effective configuration, validated once at start so that bad values fail with one clear message.
 * Every key, its default and whether it is a secret is in {@link Setting}; secrets are kept out of
 * {@link #describe()}.
 */
public record Settings(
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Path dataDir,
        String evernoteUrl,
        Duration evernoteConnectTimeout,
        Duration evernoteReadTimeout,
        EvernoteApiKey evernoteApiKey,
        Duration pollInterval,
        Duration pollTick,
        Sink sink,
        Path enexDir,
        String allowPrivateNetworks,
        ZoneId timeZone,
        Duration fetchConnectTimeout,
        Duration fetchTimeout,
        long fetchMaxBytes,
        int fetchConcurrency,
        int fetchPerHost,
        int deliveryConcurrency,
        String routesDir,
        int httpPort,
        int managementPort,
        HttpAccess httpAccess,
        Path archiveDir,
        Map<String, String> flowOverrides,
        ContentSettings content,
        LedgerSettings ledger,
        String logFormat,
        String configFile) {

    /** Default pool of {@code run}: two services and a cron run leave room below PostgreSQL's 100 connections. */
    public static final int SERVICE_POOL = 40;
    /** Default pool of {@code run --once}. */
    public static final int ONCE_POOL = 10;
    /** Default pool of the other commands: one command, one connection at a time. */
    public static final int COMMAND_POOL = 2;
    /**
     * Default delivery threads per core, and the cap: the threads mostly wait on Evernote, so many per core pay (the
     * notes benchmark on an idle 2-core machine wrote more notes/s with 100 than with 50); each note also costs CPU
     * here and in PostgreSQL, so not without bound.
     */
    public static final int DELIVERY_PER_CORE = 50;
    public static final int DELIVERY_MAX = 100;
    /** The poll tick when TH_POLL_TICK is not set: the poll interval, but at least this often. */
    static final Duration POLL_TICK_AT_MOST = Duration.ofMinutes(1);

    public enum Sink { EVERNOTE, ENEX }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }

    public static Settings load(ConfigSource c) {
        Path dataDir = Path.of(c.get(Setting.DATA_DIR)).toAbsolutePath();
        Sink sink;
        try {
            sink = Sink.valueOf(c.get(Setting.SINK).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TH_SINK=" + c.get(Setting.SINK.key()) + " is not one of: evernote, enex");
        }
        String enex = c.get(Setting.ENEX_DIR);
        ZoneId zone;
        try {
            zone = ZoneId.of(c.get(Setting.TIME_ZONE));
        } catch (RuntimeException e) {
            throw new ConfigException("TH_TIME_ZONE=" + c.get(Setting.TIME_ZONE.key())
                    + " is not a time zone id such as UTC or Europe/Paris");
        }
        String evernoteUrl = c.get(Setting.EVERNOTE_URL);
        if (!evernoteUrl.startsWith("http://") && !evernoteUrl.startsWith("https://")) {
            throw new ConfigException("TH_EVERNOTE_URL=" + Masked.url(evernoteUrl) + " must start with https:// (or http:// for a local test service)");
        }
        String dbUrl = c.get(Setting.DB_URL);
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("TH_DB_URL must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/djangoth");
        }
        String archive = c.get("th.flow.enex-archive.dir", dataDir.resolve("archive").toString());
        return new Settings(
                dbUrl,
                c.get(Setting.DB_USER),
                c.get(Setting.DB_PASSWORD),
                optionalPositiveInt(c, Setting.DB_POOL_SIZE),
                dataDir,
                evernoteUrl.replaceAll("/+$", ""),
                duration(c, Setting.EVERNOTE_CONNECT_TIMEOUT),
                duration(c, Setting.EVERNOTE_TIMEOUT),
                EvernoteApiKey.load(c),
                duration(c, Setting.POLL_INTERVAL),
                pollTick(c),
                sink,
                enex.isEmpty() ? dataDir.resolve("enex") : Path.of(enex).toAbsolutePath(),
                c.get(Setting.ALLOW_PRIVATE_NETWORKS),
                zone,
                duration(c, Setting.FETCH_CONNECT_TIMEOUT),
                duration(c, Setting.FETCH_TIMEOUT),
                positiveLong(c, Setting.FETCH_MAX_BYTES),
                (int) positiveLong(c, Setting.FETCH_CONCURRENCY),
                (int) positiveLong(c, Setting.FETCH_PER_HOST),
                deliveryConcurrency(c),
                c.get(Setting.ROUTES_DIR),
                port(c, Setting.HTTP_PORT),
                port(c, Setting.MANAGEMENT_PORT),
                HttpAccess.load(c),
                Path.of(archive).toAbsolutePath(),
                flowOverrides(c),
                ContentSettings.load(c),
                LedgerSettings.load(c),
                c.get(Setting.LOG_FORMAT),
                c.get(Setting.CONFIG_FILE));
    }

    /** How often due triggers are looked for: TH_POLL_TICK, else the poll interval but at least once a minute. */
    private static Duration pollTick(ConfigSource c) {
        Duration interval = duration(c, Setting.POLL_INTERVAL);
        String tick = c.get(Setting.POLL_TICK);
        if (!tick.isEmpty()) {
            return DurationParser.parse("TH_POLL_TICK", tick);
        }
        return interval.compareTo(POLL_TICK_AT_MOST) < 0 ? interval : POLL_TICK_AT_MOST;
    }

    /**
     * Explicitly given th.flow.* keys (tests, CLI) and the th.flow.* and camel.* keys of the configuration file,
     * handed to Camel for the flow routes' placeholders and its own options; Camel itself reads the environment
     * (TH_FLOW_...) and -D properties. A file's key takes the value that wins over it (environment, -D).
     */
    private static Map<String, String> flowOverrides(ConfigSource c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.overrides().forEach((k, v) -> {
            if (k.startsWith("th.flow.")) {
                m.put(k, v);
            }
        });
        for (String k : c.fileKeys()) {
            if (k.startsWith("th.flow.") || k.startsWith("camel.")) {
                m.putIfAbsent(k, c.get(k));
            }
        }
        return Map.copyOf(m);
    }

    static Duration duration(ConfigSource c, Setting s) {
        return DurationParser.parse(s.envName(), c.get(s));
    }

    static long positiveLong(ConfigSource c, Setting s) {
        String v = c.get(s);
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.envName() + "=" + v + " must be a positive whole number");
        }
    }

    /** TH_DELIVERY_CONCURRENCY, by default {@link #DELIVERY_PER_CORE} per core and at most {@link #DELIVERY_MAX}. */
    private static int deliveryConcurrency(ConfigSource c) {
        return c.get(Setting.DELIVERY_CONCURRENCY).isBlank()
                ? Math.min(DELIVERY_MAX, DELIVERY_PER_CORE * Runtime.getRuntime().availableProcessors())
                : (int) positiveLong(c, Setting.DELIVERY_CONCURRENCY);
    }

    /** A positive whole number, or 0 when the key is empty (the caller's default applies). */
    private static int optionalPositiveInt(ConfigSource c, Setting s) {
        return c.get(s).isBlank() ? 0 : (int) positiveLong(c, s);
    }

    /** TH_DB_POOL_SIZE when set, else the default of the command that opens the pool. */
    public int dbPoolSize(int commandDefault) {
        return dbPoolSize > 0 ? dbPoolSize : commandDefault;
    }

    private static int port(ConfigSource c, Setting s) {
        long p = positiveLong(c, s);
        if (p > 65535) {
            throw new ConfigException(s.envName() + "=" + p + " is not a TCP port");
        }
        return (int) p;
    }

    /** Effective configuration for the startup log: every {@link Setting}, secrets masked. */
    public Map<String, String> describe() {
        return SettingsDescription.of(this);
    }

    /** What {@link #describe()} shows: never the passwords or a URL's secrets. */
    @Override
    public String toString() {
        return "Settings" + describe();
    }
}
