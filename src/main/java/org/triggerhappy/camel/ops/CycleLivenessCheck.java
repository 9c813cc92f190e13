package org.triggerhappy.camel.ops;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness: DOWN while the running poll cycle has gone longer than {@link #boundFor} without taking or finishing a
 * trigger. Every step of a refresh is bounded (the fetch by its timeouts, each statement by the database socket
 * timeout), so a cycle that stops moving for that long is stuck on something no timeout covers, and a restart is
 * what helps. A long cycle that keeps moving (many feeds) stays UP.
 */
public final class CycleLivenessCheck extends AbstractHealthCheck {
    private final Supplier<Duration> sinceProgress;
    private final Duration bound;

    public CycleLivenessCheck(Supplier<Duration> sinceProgress, Duration bound) {
        super("triggerhappy", "poll-cycle");
        this.sinceProgress = sinceProgress;
        this.bound = bound;
    }

    /**
     * Three times one fetch at its longest (connect plus download): one refresh is one fetch plus parsing and a few
     * statements, so a cycle with no progress for that long is not waiting on a slow feed.
     */
    public static Duration boundFor(Duration fetchConnectTimeout, Duration fetchTimeout) {
        return fetchConnectTimeout.plus(fetchTimeout).multipliedBy(3);
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Duration stalled = sinceProgress.get();
        builder.detail("stalled_ms", stalled.toMillis()).detail("bound_ms", bound.toMillis());
        if (stalled.compareTo(bound) > 0) {
            builder.down().message("the poll cycle has taken or finished no trigger for " + stalled.toSeconds()
                    + " s (bound " + bound.toSeconds() + " s: 3 x (TH_FETCH_CONNECT_TIMEOUT + TH_FETCH_TIMEOUT))");
        } else {
            builder.up();
        }
    }
}
