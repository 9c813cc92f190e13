package org.triggerhappy.camel.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the startup log shows the effective settings: every {@link Setting} by its variable name, secrets masked. */
final class SettingsDescription {
    private SettingsDescription() {
    }

    static Map<String, String> of(Settings settings) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            m.put(s.envName(), shown(settings, s));
        }
        return m;
    }

    /** One setting as shown; the switch has a case for every setting (the compiler checks). */
    private static String shown(Settings s, Setting key) {
        return switch (key) {
            case DB_URL -> s.embeddedDatabase() ? "(embedded PostgreSQL in " + s.dataDir().resolve("pg") + ")"
                    : Masked.url(s.dbUrl());
            case DB_USER -> s.dbUser();
            case DB_PASSWORD -> mask(s.dbPassword());
            case DB_POOL_SIZE -> s.dbPoolSize() > 0 ? Integer.toString(s.dbPoolSize()) : "(per command)";
            case DATA_DIR -> s.dataDir().toString();
            case EVERNOTE_URL -> Masked.url(s.evernoteUrl());
            case EVERNOTE_CONSUMER_KEY -> s.evernoteApiKey().consumerKey().isEmpty() ? "(none)"
                    : s.evernoteApiKey().consumerKey();
            case EVERNOTE_CONSUMER_SECRET -> mask(s.evernoteApiKey().consumerSecret());
            case EVERNOTE_CONNECT_TIMEOUT -> s.evernoteConnectTimeout().toString();
            case EVERNOTE_TIMEOUT -> s.evernoteReadTimeout().toString();
            case POLL_INTERVAL -> s.pollInterval().toString();
            case POLL_TICK -> s.pollTick().toString();
            case SINK -> s.sink().name().toLowerCase(Locale.ROOT);
            case ENEX_DIR -> s.enexDir().toString();
            case TIME_ZONE -> s.timeZone().getId();
            case FETCH_CONNECT_TIMEOUT -> s.fetchConnectTimeout().toString();
            case FETCH_TIMEOUT -> s.fetchTimeout().toString();
            case FETCH_MAX_BYTES -> Long.toString(s.fetchMaxBytes());
            case FETCH_CONCURRENCY -> Integer.toString(s.fetchConcurrency());
            case FETCH_PER_HOST -> Integer.toString(s.fetchPerHost());
            case FULL_CONTENT -> s.content().fullContent().label();
            case IMAGES -> s.content().images().label();
            case IMAGE_MAX_BYTES -> Long.toString(s.content().imageMaxBytes());
            case CROSS_FEED_DEDUP -> Boolean.toString(s.content().crossFeedDedup());
            case DELIVERY_CONCURRENCY -> Integer.toString(s.deliveryConcurrency());
            case ALLOW_PRIVATE_NETWORKS -> s.allowPrivateNetworks().isEmpty() ? "false" : s.allowPrivateNetworks();
            case ROUTES_DIR -> s.routesDir().isEmpty() ? "(none)" : s.routesDir();
            case HTTP_PORT -> Integer.toString(s.httpPort());
            case MANAGEMENT_PORT -> Integer.toString(s.managementPort());
            case LOG_FORMAT -> s.logFormat();
            case CONFIG_FILE -> s.configFile().isEmpty() ? "(none)" : s.configFile();
            case HTTP_HOST -> s.httpAccess().host();
            case HTTP_USER -> s.httpAccess().user().isEmpty() ? "(none: no authentication)" : s.httpAccess().user();
            case HTTP_PASSWORD -> mask(s.httpAccess().password());
            case HTTP_PASSWORD_FILE -> s.httpAccess().passwordFile().isEmpty() ? "(none)"
                    : s.httpAccess().passwordFile();
            case FLOOD_GUARD -> Boolean.toString(s.ledger().floodGuard());
            case MAX_NEW_PER_POLL -> Integer.toString(s.ledger().maxNewPerPoll());
            case LEDGER_RETENTION -> s.ledger().retention().toString();
        };
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(empty)" : "****";
    }
}
