package org.triggerhappy.camel.ops;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service's own Prometheus series, all named {@code triggerhappy_*}. {@link OutcomeReport} calls the event
 * methods; the backlog gauges read the database through {@link BacklogProbe} when scraped.
 *
 * <ul>
 *   <li>{@code triggerhappy_fetches_total{outcome}}: feed fetches by outcome, as stored in thc_feed_state.last_status:
 *       {@code 200}, {@code 200-unchanged} (same body again), {@code 304}, {@code fetch-<kind>} (timeout, dns,
 *       http_status, gone, …), {@code parse-error}, {@code internal-error}</li>
 *   <li>{@code triggerhappy_entries_new_total}: entries seen for the first time</li>
 *   <li>{@code triggerhappy_notes_total{outcome}}: delivery attempts by outcome: {@code written}, {@code retry},
 *       {@code rate_limited}, {@code quota_paused}, {@code auth_paused}, {@code parked}</li>
 *   <li>{@code triggerhappy_users_paused}, {@code triggerhappy_outbox_depth} (pending notes),
 *       {@code triggerhappy_outbox_oldest_seconds} (age of the oldest pending note)</li>
 *   <li>{@code triggerhappy_cycle_seconds}: duration of poll cycles (count, sum, max)</li>
 *   <li>{@code triggerhappy_route_failures_total{route}}: errors a route's declared error policy handled
 *       ({@link RouteFailures})</li>
 * </ul>
 */
public final class ServiceMetrics {
    private final MeterRegistry registry;
    private final Counter newEntries;
    private final Timer cycles;
    private final Map<String, Counter> fetches = new ConcurrentHashMap<>();
    private final Map<String, Counter> notes = new ConcurrentHashMap<>();
    private final Map<String, Counter> routeFailures = new ConcurrentHashMap<>();

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.newEntries = Counter.builder("triggerhappy.entries.new")
                .description("Feed entries seen for the first time").register(registry);
        this.cycles = Timer.builder("triggerhappy.cycle").description("Duration of poll cycles").register(registry);
        // The common outcomes exist from the start, so rate() works from the first scrape.
        fetchCounter("200");
        fetchCounter("304");
        noteCounter("written");
    }

    /** Registers the backlog gauges, read from the database (cached by the probe). */
    public ServiceMetrics withBacklog(BacklogProbe probe) {
        // Strong references: Micrometer holds gauge objects weakly, and nothing else holds the probe.
        Gauge.builder("triggerhappy.users.paused", probe, p -> p.current().pausedUsers()).strongReference(true)
                .description("Users whose deliveries Evernote paused (rate limit or token)").register(registry);
        Gauge.builder("triggerhappy.outbox.depth", probe, p -> p.current().pending()).strongReference(true)
                .description("Notes waiting in the outbox").register(registry);
        TimeGauge.builder("triggerhappy.outbox.oldest", probe, TimeUnit.SECONDS, p -> p.current().oldestSeconds())
                .strongReference(true)
                .description("Age of the oldest note waiting in the outbox").register(registry);
        return this;
    }

    public void fetched(String outcome) {
        fetchCounter(outcome).increment();
    }

    public void newEntries(int count) {
        newEntries.increment(count);
    }

    public void note(String outcome) {
        noteCounter(outcome).increment();
    }

    public void routeFailed(String route) {
        routeFailures.computeIfAbsent(route, r -> Counter.builder("triggerhappy.route.failures")
                .description("Errors a route's declared error policy handled").tag("route", r).register(registry))
                .increment();
    }

    public void cycleDone(Duration duration) {
        cycles.record(duration);
    }

    public MeterRegistry registry() {
        return registry;
    }

    // Registered once, not per outcome: registering searches the registry, a cost paid on every fetch otherwise.
    private Counter fetchCounter(String outcome) {
        return fetches.computeIfAbsent(outcome, o -> Counter.builder("triggerhappy.fetches")
                .description("Feed fetches by outcome").tag("outcome", o).register(registry));
    }

    private Counter noteCounter(String outcome) {
        return notes.computeIfAbsent(outcome, o -> Counter.builder("triggerhappy.notes")
                .description("Note deliveries by outcome").tag("outcome", o).register(registry));
    }
}
