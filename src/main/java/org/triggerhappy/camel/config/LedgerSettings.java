package org.triggerhappy.camel.config;

import java.util.Locale;

/**
 * Which new entries of a poll are delivered.
 *
 * @param floodGuard TH_FLOOD_GUARD: a poll after the first where most of the feed is new at once (a publisher
 *                   that changed every guid, a feed that widened its window) delivers only the entries dated after
 *                   the trigger's last successful poll
 */
public record LedgerSettings(boolean floodGuard) {

    public static LedgerSettings load(ConfigSource c) {
        return new LedgerSettings(bool(c, "th.flood.guard", "true"));
    }

    private static boolean bool(ConfigSource c, String key, String def) {
        String v = c.get(key, def).strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(ConfigSource.envName(key) + "=" + c.get(key) + " must be true or false");
        };
    }
}
