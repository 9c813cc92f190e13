package org.triggerhappy.camel.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.ops.Operations;
import org.triggerhappy.camel.pipeline.Heartbeat;

/**
 * What a runtime sets on top of application.properties: the routes' placeholders derived from the settings and
 * {@link Sizing}, and the camel.* keys that depend on the run, none of which application.properties sets.
 */
final class CamelProperties {
    private static final AtomicInteger RUNTIMES_IN_JVM = new AtomicInteger();

    private CamelProperties() {
    }

    /** @param serve the service (timer, status page, management server) rather than a single run */
    static Map<String, String> of(Settings settings, Sizing sizing, boolean serve) {
        Map<String, String> p = new LinkedHashMap<>();
        // The context name also names the Quartz scheduler, which is a JVM-wide singleton per name: two runtimes
        // in one JVM (tests, benchmarks) need their own.
        int n = RUNTIMES_IN_JVM.getAndIncrement();
        p.put("camel.main.name", n == 0 ? "triggerhappy" : "triggerhappy-" + n);
        p.put("th.poll.timer.enabled", Boolean.toString(serve));
        p.put("th.poll.tick.ms", Long.toString(settings.pollTick().toMillis()));
        p.put("th.sweep.period.ms", Long.toString(sizing.sweepPeriod().toMillis()));
        p.put("th.delivery.concurrency", Integer.toString(settings.deliveryConcurrency()));
        p.put("th.prune.period.ms", Long.toString(Sizing.PRUNE_PERIOD.toMillis()));
        p.put("th.heartbeat.period.ms", Long.toString(Heartbeat.EVERY.toMillis()));
        if (!serve) {
            // Stopping waits for every queue consumer's poll to time out (Camel's default: 1 s per queue); a single
            // run stops once, right after its work, and would spend most of its stop waiting.
            p.put("camel.component.seda.default-poll-timeout", Long.toString(Sizing.ONCE_QUEUE_POLL.toMillis()));
        }
        if (serve) {
            // Before the configuration file's keys, which may turn the metrics off; a single run has none.
            p.put("camel.metrics.enabled", "true");
        }
        p.putAll(settings.flowOverrides());
        p.putAll(Operations.camelProperties(serve, settings.httpAccess().host(), settings.httpPort(),
                settings.managementPort()));
        return p;
    }
}
