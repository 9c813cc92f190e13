package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a trigger is checked next. After success: the configured interval, raised to the feed's own wishes (RSS ttl,
 * Cache-Control max-age) but never beyond a day, plus up to 10 % jitter so triggers added together drift apart.
 * After consecutive failures: interval × 2^(n-1), capped at 24 h, never switched off for good; a server's
 * Retry-After is honoured when longer.
 */
public final class PollSchedule {
    static final Duration MAX = Duration.ofHours(24);

    private final Duration interval;

    public PollSchedule(Duration interval) {
        this.interval = interval;
    }

    public Instant afterSuccess(Instant now, Duration ttl, Duration maxAge) {
        return afterSuccess(now, ttl, maxAge, null);
    }

    /** As above, with the trigger's own interval (thc_trigger_settings) in place of the configured one when set. */
    public Instant afterSuccess(Instant now, Duration ttl, Duration maxAge, Duration intervalOverride) {
        Duration d = intervalOverride != null ? intervalOverride : interval;
        if (ttl != null && ttl.compareTo(d) > 0) {
            d = ttl;
        }
        if (maxAge != null && maxAge.compareTo(d) > 0) {
            d = maxAge;
        }
        return now.plus(jitter(min(d, MAX)));
    }

    public Instant afterFailure(Instant now, int consecutiveFailures, Duration retryAfter) {
        int exp = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
        Duration d = interval.multipliedBy(1L << exp);
        d = min(d, MAX);
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            d = min(retryAfter, Duration.ofDays(7));
        }
        return now.plus(jitter(d));
    }

    private static Duration jitter(Duration d) {
        long extra = (long) (d.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble());
        return d.plusMillis(extra);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
