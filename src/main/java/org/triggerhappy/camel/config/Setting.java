package org.triggerhappy.camel.config;

/**
 * Every th.* setting of the service, in one table: key, default, how the README shows the default, what it means,
 * and whether it is a secret. {@link Settings#load} reads the keys with these defaults, {@link Settings#describe()}
 * shows each one (secrets masked), and the README's Configuration table is generated from it
 * (ReadmeSettingsTableTest fails when they differ). The flows' th.flow.* keys are Camel placeholders and live in
 * application.properties with Camel's own keys.
 */
public enum Setting {
    DB_URL("th.db.url", "", null, false, "PostgreSQL JDBC URL, e.g. your django-th database"
            + " `jdbc:postgresql://127.0.0.1:5432/djangoth`. Empty: an embedded PostgreSQL keeping its data in"
            + " `TH_DATA_DIR/pg`."),
    DB_USER("th.db.user", "postgres", null, false, "database user"),
    DB_PASSWORD("th.db.password", "", null, true, "database password"),
    DB_POOL_SIZE("th.db.pool.size", "", "*(per command)*", false, "database connections at most: `run` "
            + Settings.SERVICE_POOL + ", `run --once` " + Settings.ONCE_POOL + ", other commands "
            + Settings.COMMAND_POOL + ", so two services and a cron run stay within PostgreSQL's default"
            + " `max_connections` of 100. A statement whose reply does not come within 60 s fails (TCP keep-alive is"
            + " on); a `socketTimeout=` in `TH_DB_URL` wins (`0` turns it off, e.g. for a long migration)."),
    DATA_DIR("th.data.dir", "data", null, false, "embedded database and default ENEX folder"),
    EVERNOTE_URL("th.evernote.url", "https://www.evernote.com", null, false,
            "Evernote service; each user's NoteStore URL is asked from `{url}/edam/user`"),
    EVERNOTE_CONSUMER_KEY("th.evernote.consumer.key", "", null, false, "the application's Evernote API key, with"
            + " `TH_EVERNOTE_CONSUMER_SECRET` (both or neither); only `tokens login` (Evernote's sign-in, see"
            + " [docs/cli.md](docs/cli.md#signing-in-with-evernote)) uses it"),
    EVERNOTE_CONSUMER_SECRET("th.evernote.consumer.secret", "", null, true,
            "the secret of the application's Evernote API key"),
    EVERNOTE_CONNECT_TIMEOUT("th.evernote.connect.timeout", "10s", null, false, "connect timeout of Evernote calls"),
    EVERNOTE_TIMEOUT("th.evernote.timeout", "30s", null, false, "read timeout of Evernote calls; whatever the"
            + " timeouts are, one call ends after 2 min in total, upload included"),
    POLL_INTERVAL("th.poll.interval", "15m", null, false,
            "how often each trigger's feed is checked: `90s`, `15m`, `1h` or ISO-8601 `PT15M`"),
    POLL_TICK("th.poll.tick", "", "*(min of interval, 1m)*", false, "how often the service looks for due triggers"),
    SINK("th.sink", "evernote", null, false,
            "`evernote`, or `enex` to write ENEX files (one per notebook) instead"),
    ENEX_DIR("th.enex.dir", "", "`TH_DATA_DIR/enex`", false, "where ENEX files go"),
    TIME_ZONE("th.time.zone", "UTC", null, false, "zone in which django-th's `date_created` (a date) is read"),
    FETCH_CONNECT_TIMEOUT("th.fetch.connect.timeout", "10s", null, false, "connect timeout of one download"),
    FETCH_TIMEOUT("th.fetch.timeout", "30s", null, false, "total time for one feed download"),
    FETCH_MAX_BYTES("th.fetch.max.bytes", "15728640", null, false, "feed body cap, applied after decompression"),
    FETCH_CONCURRENCY("th.fetch.concurrency", "16", null, false, "feeds fetched in parallel"),
    FETCH_PER_HOST("th.fetch.per.host", "4", null, false, "at most this many fetches at once to one host:port"),
    FULL_CONTENT("th.full.content", "auto", null, false, "put the whole article in the note: `auto` (fetch the"
            + " entry's linked page when the feed's text is under " + FullContentMode.TEASER_CHARS + " characters),"
            + " `always`, `never`; per trigger: `triggers set ID --full-content MODE [--selector CSS]`"),
    IMAGES("th.images", "embed", null, false, "`embed`: the note's images are downloaded and stored in it (GIF, JPEG,"
            + " PNG); `link`: remote images; per trigger: `--images MODE`"),
    IMAGE_MAX_BYTES("th.image.max.bytes", "10485760", null, false, "an image larger than this stays a remote image"),
    CROSS_FEED_DEDUP("th.cross.feed.dedup", "true", null, false, "one note per article and notebook of a user,"
            + " however many of their triggers carry it (see \"Which entries become notes\"); `false`: a note per"
            + " trigger"),
    DELIVERY_CONCURRENCY("th.delivery.concurrency", "", Settings.DELIVERY_PER_CORE + " per core, at most `"
            + Settings.DELIVERY_MAX + "`", false, "notes written in parallel (one user at a time each; threads mostly"
            + " wait on Evernote, but each note also costs CPU here and in PostgreSQL: with a distant Evernote and few"
            + " users per thread, more may pay, see [Benchmark](#benchmark))"),
    ALLOW_PRIVATE_NETWORKS("th.allow.private.networks", "", null, false, "feeds on loopback/private/link-local"
            + " addresses are refused; `true` allows all, or list `host:port` and CIDR entries:"
            + " `127.0.0.1:8765,10.0.0.0/8`"),
    ROUTES_DIR("th.routes.dir", "", null, false, "a folder of extra route XML files, loaded and reloaded on change"),
    HTTP_PORT("th.http.port", "8080", null, false, "status page (`run` only)"),
    MANAGEMENT_PORT("th.management.port", "9876", null, false, "health and Prometheus metrics (`run` only)"),
    LOG_FORMAT("th.log.format", "text", null, false, "`json`: one JSON object per log line, see [Logs](#logs);"
            + " read from the environment or `-Dth.log.format=json` only, as logging starts before any file is read"),
    CONFIG_FILE(ConfigSource.CONFIG_FILE_KEY, "", null, false, "a properties file read like `application.properties`"
            + " (same as `--config FILE`); the environment wins over it"),
    HTTP_HOST("th.http.host", "127.0.0.1", null, false, "address both HTTP servers bind to; `0.0.0.0` for every"
            + " interface (then set a password)"),
    HTTP_USER("th.http.user", "", null, false, "user name of HTTP basic authentication on both servers (all but the"
            + " two probes), with `TH_HTTP_PASSWORD` or `TH_HTTP_PASSWORD_FILE`"),
    HTTP_PASSWORD("th.http.password", "", null, true, "password of HTTP basic authentication"),
    HTTP_PASSWORD_FILE("th.http.password.file", "", null, false,
            "a file holding that password instead (a trailing newline is ignored)"),
    FLOOD_GUARD("th.flood.guard", "true", null, false, "a poll after the first where at least 20 entries and more"
            + " than half of the feed are new delivers only those dated after the last successful poll (see"
            + " [Which entries become notes](#pointing-it-at-a-django-th-database)); `false` delivers every new entry"),
    MAX_NEW_PER_POLL("th.max.new.per.poll", "500", null, false, "entries queued per trigger and poll at most (oldest"
            + " first); the others are not recorded and wait for the next poll, which reads the whole feed again"),
    LEDGER_RETENTION("th.ledger.retention", "180d", null, false, "a ledger key of an entry missing from its feed"
            + " this long is forgotten, with its delivered outbox row (see [Table sizes](#table-sizes))");

    private final String key;
    private final String defaultValue;
    private final String shownDefault;
    private final boolean secret;
    private final String meaning;

    Setting(String key, String defaultValue, String shownDefault, boolean secret, String meaning) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault;
        this.secret = secret;
        this.meaning = meaning;
    }

    /** The property name, e.g. {@code th.poll.interval}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code TH_POLL_INTERVAL}. */
    public String envName() {
        return ConfigSource.envName(key);
    }

    /** The value when no source sets the key; empty when the default is "not set" or a rule (see {@link #shownDefault()}). */
    public String defaultValue() {
        return defaultValue;
    }

    /** The default as the README shows it (Markdown). */
    public String shownDefault() {
        if (shownDefault != null) {
            return shownDefault;
        }
        return defaultValue.isEmpty() ? "*(empty)*" : "`" + defaultValue + "`";
    }

    /** Never logged or printed: {@link Settings#describe()} shows it as {@code ****} or {@code (empty)}. */
    public boolean secret() {
        return secret;
    }

    /** What it does (Markdown, one line). */
    public String meaning() {
        return meaning;
    }
}
