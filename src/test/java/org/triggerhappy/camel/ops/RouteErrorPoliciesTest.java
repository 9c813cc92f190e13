package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.persistence.StorageException;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * The built-in routes' declared error policy (routes/errors.xml), on the real route files in Camel Main: a bean that
 * throws is reported once per failure, counted, and its route goes on.
 */
class RouteErrorPoliciesTest extends CamelMainTestSupport {
    private final LogCapture log = new LogCapture();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger runs = new AtomicInteger();

    /** In place of the ledger pruner: its first run meets a bug, its second a database that is away, then all is well. */
    public final class FailingPruner {
        public int run() {
            int n = runs.incrementAndGet();
            if (n == 1) {
                throw new IllegalStateException("a bug in the pruner");
            }
            if (n == 2) {
                throw new StorageException(new SQLException("connection refused", "08001"));
            }
            return 0;
        }
    }

    /** application.properties hands the sql component a dataSource, bound before Camel reads it; nothing connects. */
    public static final class NoDatabase implements org.apache.camel.CamelConfiguration {
        @org.apache.camel.BindToRegistry("dataSource")
        public javax.sql.DataSource dataSource() {
            return new org.postgresql.ds.PGSimpleDataSource();
        }
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withConfigurations(NoDatabase.class);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties p = new Properties();
        p.setProperty("th.prune.period.ms", "20");
        // Over application.properties' list of the built-in route files.
        p.setProperty("camel.main.routes-include-pattern", "classpath:routes/errors.xml,classpath:routes/housekeeping.xml");
        configuration.withUseOverridePropertiesWithPropertiesComponent(p);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("ledgerPruner", new FailingPruner());
        registry.bind("routeFailures", new RouteFailures(new ServiceMetrics(meters)));
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void a_built_in_route_whose_bean_throws_reports_each_failure_once_and_keeps_running() {
        NotifyBuilder notify = new NotifyBuilder(context).fromRoute("ledger-prune").whenDone(4).create();

        assertThat(notify.matches(20, TimeUnit.SECONDS)).as("the timer route went on after its failures").isTrue();
        assertThat(log.lines("route step failed", "route=ledger-prune", "a bug in the pruner")).hasSize(1);
        // One line per failure (the bug's with its stack trace), and nothing from Camel's default error handler.
        assertThat(log.lines("route=ledger-prune")).hasSize(2);
        assertThat(log.lines("route step skipped, the database is unavailable", "route=ledger-prune",
                "connection refused")).hasSize(1);
        assertThat(log.lines("Failed delivery for")).isEmpty();
        assertThat(meters.get("triggerhappy.route.failures").tag("route", "ledger-prune").counter().count())
                .isEqualTo(2);
    }
}
