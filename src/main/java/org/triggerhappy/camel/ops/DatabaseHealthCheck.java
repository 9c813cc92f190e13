package org.triggerhappy.camel.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.triggerhappy.camel.persistence.Jdbc;

/**
 * Readiness only: the service can do nothing useful without its database, but a database outage is no reason for
 * an orchestrator to restart the process (so it stays out of liveness). The probe is a {@code SELECT 1} bounded by
 * a short timeout, because the pool itself would wait its full connection timeout on an unreachable server.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private final DataSource ds;
    private final Duration timeout;
    // One probe thread at most, gone when idle: checks come every few seconds at most, or never.
    private final ExecutorService probes = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "th-db-health");
                t.setDaemon(true);
                return t;
            });

    public DatabaseHealthCheck(DataSource ds, Duration timeout) {
        super("triggerhappy", "database");
        this.ds = ds;
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Future<?> probe = probes.submit(this::selectOne);
        try {
            probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            probe.cancel(true);
            builder.down().message("the database did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            builder.down().message("the database is unavailable: " + cause.getMessage());
        }
    }

    private Void selectOne() throws Exception {
        Jdbc.ping(ds, (int) Math.max(1, timeout.toSeconds()));
        return null;
    }
}
