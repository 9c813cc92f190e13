package org.triggerhappy.camel.ops;

import org.triggerhappy.camel.persistence.StatusQuery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.HttpAccess;

/**
 * Everything the service shows to operators, wired in one place: the Prometheus registry Camel's management server
 * exposes on /observe/metrics (bound under the name camel-micrometer looks up, so Camel's and our series share
 * it), the listener of the pipeline's outcomes (which feeds the service's metrics), the database readiness check and
 * the status page bean.
 */
public final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /** The registry name camel-micrometer(-prometheus) looks up before creating its own. */
    public static final String METRICS_REGISTRY = "metricsRegistry";
    static final Duration BACKLOG_CACHE = Duration.ofSeconds(5);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OutcomeReport outcomes;
    private final RouteFailures routeFailures;
    private final DatabaseHealthCheck databaseHealth;
    private final StatusPage statusPage;

    public Operations(DataSource ds, Clock clock) {
        ServiceMetrics metrics = new ServiceMetrics(registry).withBacklog(new BacklogProbe(ds, BACKLOG_CACHE));
        this.outcomes = new OutcomeReport(metrics);
        this.routeFailures = new RouteFailures(metrics);
        this.databaseHealth = new DatabaseHealthCheck(ds, HEALTH_TIMEOUT);
        this.statusPage = new StatusPage(new StatusQuery(ds, clock), clock);
    }

    /**
     * Binds the registry, the outcome listener, the routes' error reporter, the health check and the status page
     * bean (pass Camel Main's {@code bind}).
     */
    public void bind(BiConsumer<String, Object> binder) {
        binder.accept(METRICS_REGISTRY, registry);
        binder.accept("outcomes", outcomes);
        binder.accept("routeFailures", routeFailures);
        binder.accept("databaseHealthCheck", databaseHealth);
        binder.accept("statusPage", statusPage);
    }

    public OutcomeReport outcomes() {
        return outcomes;
    }

    /**
     * Camel properties for the two HTTP servers: the status page on {@code httpPort} and health/metrics on
     * {@code managementPort}, both only when {@code serve} (the long-running service; a single run or the demo
     * opens no port, so it never clashes with a running service). What only they show (JMX, Camel's metrics and
     * health checks) is off too when not serving: nobody could look at it, and setting it up is a good part of a
     * single run's start.
     */
    public static Map<String, String> camelProperties(boolean serve, String host, int httpPort, int managementPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("th.http.enabled", Boolean.toString(serve));
        p.put("camel.server.enabled", Boolean.toString(serve));
        p.put("camel.server.host", host);
        p.put("camel.server.port", Integer.toString(httpPort));
        p.put("camel.management.enabled", Boolean.toString(serve));
        p.put("camel.management.host", host);
        p.put("camel.management.port", Integer.toString(managementPort));
        if (!serve) {
            p.put("camel.main.jmx-enabled", "false");
            p.put("camel.metrics.enabled", "false");
            p.put("camel.health.enabled", "false");
        }
        return p;
    }

    /**
     * Binds the HTTP server factory that puts basic authentication in front of both servers, when a password is
     * set; logs a warning when the servers are reachable from other machines without one.
     */
    public static void secure(HttpAccess access, BiConsumer<String, Object> binder) {
        if (access.authenticated()) {
            binder.accept("guardedHttpServerFactory", new GuardedHttpServerFactory(access.user(), access.password()));
        }
        String warning = access.exposureWarning();
        if (warning != null) {
            LOG.warn(warning);
        }
    }
}
