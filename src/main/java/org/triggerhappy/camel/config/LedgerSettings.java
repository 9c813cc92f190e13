package org.triggerhappy.camel.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Which new entries a poll delivers, and how long the ledger remembers entries that left their feed.
 *
 * @param floodGuard    TH_FLOOD_GUARD: a poll after the first where most of the feed is new at once (a publisher
 *                      that changed every guid, a feed that widened its window) delivers only the entries dated after
 *                      the trigger's last successful poll
 * @param maxNewPerPoll TH_MAX_NEW_PER_POLL: entries queued per trigger and poll at most; the others are left for the
 *                      next poll, unrecorded
 * @param retention     TH_LEDGER_RETENTION: a ledger key missing from its feed this long is forgotten
 */
public record LedgerSettings(boolean floodGuard, int maxNewPerPoll, Duration retention) {

    public static LedgerSettings load(ConfigSource c) {
        return new LedgerSettings(bool(c, Setting.FLOOD_GUARD),
                (int) Math.min(Integer.MAX_VALUE, Settings.positiveLong(c, Setting.MAX_NEW_PER_POLL)),
                Settings.duration(c, Setting.LEDGER_RETENTION));
    }

    private static boolean bool(ConfigSource c, Setting s) {
        String v = c.get(s).strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(s.envName() + "=" + c.get(s.key()) + " must be true or false");
        };
    }
}
