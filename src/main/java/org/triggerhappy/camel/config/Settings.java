package org.triggerhappy.camel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's effective configuration, validated once at start so that bad values fail with one clear message.
 * Secrets (the database and HTTP passwords, the Evernote consumer secret) are kept out of {@link #describe()}.
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
        LedgerSettings ledger) {

    public enum Sink { EVERNOTE, ENEX }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }

    public static Settings load(ConfigSource c) {
        Path dataDir = Path.of(c.get("th.data.dir", "data")).toAbsolutePath();
        String sinkName = c.get("th.sink", "evernote").toUpperCase(Locale.ROOT);
        Sink sink;
        try {
            sink = Sink.valueOf(sinkName);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TH_SINK=" + c.get("th.sink") + " is not one of: evernote, enex");
        }
        String enex = c.get("th.enex.dir", "");
        ZoneId zone;
        try {
            zone = ZoneId.of(c.get("th.time.zone", "UTC"));
        } catch (RuntimeException e) {
            throw new ConfigException("TH_TIME_ZONE=" + c.get("th.time.zone") + " is not a time zone id such as UTC or Europe/Paris");
        }
        String evernoteUrl = c.get("th.evernote.url", "https://www.evernote.com");
        if (!evernoteUrl.startsWith("http://") && !evernoteUrl.startsWith("https://")) {
            throw new ConfigException("TH_EVERNOTE_URL=" + Masked.url(evernoteUrl) + " must start with https:// (or http:// for a local test service)");
        }
        String dbUrl = c.get("th.db.url", "");
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("TH_DB_URL must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/djangoth");
        }
        return new Settings(
                dbUrl,
                c.get("th.db.user", "postgres"),
                c.get("th.db.password", ""),
                optionalPositiveInt(c, "th.db.pool.size"),
                dataDir,
                evernoteUrl.replaceAll("/+$", ""),
                duration(c, "th.evernote.connect.timeout", "10s"),
                duration(c, "th.evernote.timeout", "30s"),
                EvernoteApiKey.load(c),
                duration(c, "th.poll.interval", "15m"),
                pollTick(c),
                sink,
                enex.isEmpty() ? dataDir.resolve("enex") : Path.of(enex).toAbsolutePath(),
                c.get("th.allow.private.networks", ""),
                zone,
                duration(c, "th.fetch.connect.timeout", "10s"),
                duration(c, "th.fetch.timeout", "30s"),
                positiveLong(c, "th.fetch.max.bytes", "15728640"),
                (int) positiveLong(c, "th.fetch.concurrency", "16"),
                (int) positiveLong(c, "th.fetch.per.host", "4"),
                deliveryConcurrency(c),
                c.get("th.routes.dir", ""),
                port(c, "th.http.port", "8080"),
                port(c, "th.management.port", "9876"),
                HttpAccess.load(c),
                Path.of(c.get("th.flow.enex-archive.dir", dataDir.resolve("archive").toString())).toAbsolutePath(),
                flowOverrides(c),
                ContentSettings.load(c),
                LedgerSettings.load(c));
    }

    /** How often due triggers are looked for: TH_POLL_TICK, else the poll interval but at least once a minute. */
    private static Duration pollTick(ConfigSource c) {
        Duration interval = duration(c, "th.poll.interval", "15m");
        String tick = c.get("th.poll.tick", "");
        if (!tick.isEmpty()) {
            return DurationParser.parse("TH_POLL_TICK", tick);
        }
        return interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
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

    private static Duration duration(ConfigSource c, String key, String def) {
        return DurationParser.parse(ConfigSource.envName(key), c.get(key, def));
    }

    static long positiveLong(ConfigSource c, String key, String def) {
        String v = c.get(key, def);
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(ConfigSource.envName(key) + "=" + v + " must be a positive whole number");
        }
    }

    /** A positive whole number, or 0 when the key is empty (the caller's default applies). */
    /**
     * TH_DELIVERY_CONCURRENCY, by default 25 per core and at most 100: the threads mostly wait on Evernote, but each
     * note also costs CPU here and in PostgreSQL, and on a small machine more of them only contend for it.
     */
    private static int deliveryConcurrency(ConfigSource c) {
        String key = "th.delivery.concurrency";
        return c.get(key, "").isBlank() ? Math.min(100, 25 * Runtime.getRuntime().availableProcessors())
                : (int) positiveLong(c, key, "");
    }

    private static int optionalPositiveInt(ConfigSource c, String key) {
        return c.get(key, "").isBlank() ? 0 : (int) positiveLong(c, key, "");
    }

    /** TH_DB_POOL_SIZE when set, else the default of the command that opens the pool. */
    public int dbPoolSize(int commandDefault) {
        return dbPoolSize > 0 ? dbPoolSize : commandDefault;
    }

    private static int port(ConfigSource c, String key, String def) {
        long p = positiveLong(c, key, def);
        if (p > 65535) {
            throw new ConfigException(ConfigSource.envName(key) + "=" + p + " is not a TCP port");
        }
        return (int) p;
    }

    /** Effective configuration for the startup log; the passwords and the consumer secret are masked. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TH_DB_URL", embeddedDatabase() ? "(embedded PostgreSQL in " + dataDir.resolve("pg") + ")" : Masked.url(dbUrl));
        m.put("TH_DB_USER", dbUser);
        m.put("TH_DB_PASSWORD", dbPassword == null || dbPassword.isEmpty() ? "(empty)" : "****");
        m.put("TH_DB_POOL_SIZE", dbPoolSize > 0 ? Integer.toString(dbPoolSize) : "(per command)");
        m.put("TH_DATA_DIR", dataDir.toString());
        m.put("TH_EVERNOTE_URL", Masked.url(evernoteUrl));
        m.putAll(evernoteApiKey.describe());
        m.put("TH_POLL_INTERVAL", pollInterval.toString());
        m.put("TH_POLL_TICK", pollTick.toString());
        m.put("TH_SINK", sink.name().toLowerCase(Locale.ROOT));
        m.put("TH_ENEX_DIR", enexDir.toString());
        m.put("TH_ALLOW_PRIVATE_NETWORKS", allowPrivateNetworks.isEmpty() ? "false" : allowPrivateNetworks);
        m.put("TH_TIME_ZONE", timeZone.getId());
        m.put("TH_FETCH_TIMEOUT", fetchTimeout.toString());
        m.put("TH_FETCH_MAX_BYTES", Long.toString(fetchMaxBytes));
        m.put("TH_FETCH_CONCURRENCY", Integer.toString(fetchConcurrency));
        m.put("TH_FETCH_PER_HOST", Integer.toString(fetchPerHost));
        m.put("TH_DELIVERY_CONCURRENCY", Integer.toString(deliveryConcurrency));
        m.put("TH_ROUTES_DIR", routesDir.isEmpty() ? "(none)" : routesDir);
        m.put("TH_HTTP_PORT", Integer.toString(httpPort));
        m.put("TH_MANAGEMENT_PORT", Integer.toString(managementPort));
        m.putAll(httpAccess.describe());
        m.put("TH_FULL_CONTENT", content.fullContent().label());
        m.put("TH_IMAGES", content.images().label());
        m.put("TH_IMAGE_MAX_BYTES", Long.toString(content.imageMaxBytes()));
        m.put("TH_FLOOD_GUARD", Boolean.toString(ledger.floodGuard()));
        m.put("TH_MAX_NEW_PER_POLL", Integer.toString(ledger.maxNewPerPoll()));
        m.put("TH_LEDGER_RETENTION", ledger.retention().toString());
        m.put("TH_CROSS_FEED_DEDUP", Boolean.toString(content.crossFeedDedup()));
        return m;
    }

    /** What {@link #describe()} shows: never the passwords or a URL's secrets. */
    @Override
    public String toString() {
        return "Settings" + describe();
    }
}
