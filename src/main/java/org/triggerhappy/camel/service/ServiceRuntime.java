package org.triggerhappy.camel.service;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.ops.CycleSummary;

/**
 * Runs Camel Main over the beans {@link ServiceBeans} binds: for good ({@link #runForever()}) or for one cycle whose
 * notes are all written before it returns ({@link #runOnce(Duration)}).
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final Settings settings;
    private final Database db;
    private final ServiceBeans beans;
    private final Main main;
    private final Phases phases;
    private volatile boolean once;

    private ServiceRuntime(Settings settings, Database db, boolean timer, Phases phases) {
        this.settings = settings;
        this.db = db;
        this.phases = phases;
        this.main = new Main();
        Sizing sizing = new Sizing(settings);
        this.beans = new ServiceBeans(settings, db, sizing, timer, main::bind);
        CamelProperties.of(settings, sizing, timer).forEach(main::addOverrideProperty);
        if (!settings.routesDir().isEmpty()) {
            RouteFilesWatcher.install(main, Path.of(settings.routesDir()));
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                if (!timer) {
                    // Nothing starts a route by hand in a single run (no JMX, no management port): a route that
                    // does not start with the context (the timer, the status page, flows turned off) is not even
                    // built, nor the components it names (Quartz, Vert.x, Jackson).
                    CamelContext context = m.getCamelContext();
                    context.getCamelContextExtension().getContextPlugin(Model.class)
                            .setRouteFilter(route -> startsWithContext(context, route));
                }
            }

            @Override
            public void afterConfigure(BaseMainSupport m) {
                phases.end("camel");
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                // Called by run(), not by start() (runOnce times its own start).
                phases.end("routes");
                LOG.info("service started phases {}", phases.line());
            }
        });
        phases.end("wiring");
    }

    /** Whether the route starts when the context does ({@code autoStartup}, after placeholders). */
    static boolean startsWithContext(CamelContext context, RouteDefinition route) {
        String autoStartup = route.getAutoStartup();
        return autoStartup == null
                || !"false".equalsIgnoreCase(context.resolvePropertyPlaceholders(autoStartup).trim());
    }

    /** Opens the database (migrating it) and prepares the routes; nothing runs until a run method is called. */
    public static ServiceRuntime create(Settings settings, boolean timer) {
        return create(settings, timer, Phases.sinceMain());
    }

    /** As {@link #create(Settings, boolean)}, timing its phases (database, migrations, wiring, Camel) in {@code phases}. */
    public static ServiceRuntime create(Settings settings, boolean timer, Phases phases) {
        LOG.info("starting TriggerHappy Camel with {}", settings.describe());
        Database db = openDatabase(settings, timer);
        phases.end("db");
        try {
            Migrations.migrate(db.dataSource());
            phases.end("flyway");
            return new ServiceRuntime(settings, db, timer, phases);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The pool sized for the service ({@code service}) or for one {@code run --once} (see {@link Sizing#dbPool}). */
    public static Database openDatabase(Settings settings, boolean service) {
        Sizing sizing = new Sizing(settings);
        return Database.open(settings, sizing.dbPool(service), sizing.dbPoolMinIdle(service));
    }

    /** On an open, migrated database; closing the runtime closes it. */
    public static ServiceRuntime create(Settings settings, Database db, boolean timer) {
        return new ServiceRuntime(settings, db, timer, Phases.fromNow());
    }

    /** Runs until the process is told to stop (SIGTERM, Ctrl-C). */
    public void runForever() throws Exception {
        main.run();
    }

    /** Ends {@link #runForever()} gracefully (what SIGTERM does). */
    public void stop() {
        main.completed();
    }

    /** Polls every active trigger now, waits until every note that can be written now is written, then stops. */
    public OnceSummary runOnce(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        once = true;
        main.start();
        phases.end("routes");
        try {
            main.getCamelTemplate().sendBodyAndHeader("direct:poll-cycle", null, "force", true);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!(beans.inFlight().isEmpty() && beans.outboxQueries().workableCount() == 0)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("run --once: gave up waiting after {}; unfinished notes stay queued for the next run", timeout);
                    break;
                }
                Thread.sleep(Sizing.ONCE_CHECK.toMillis());
            }
            CycleSummary s = beans.outcomes().lastCycle();
            phases.end("cycle");
            return new OnceSummary(s == null ? 0 : s.polled(), s == null ? 0 : s.failed(),
                    s == null ? 0 : s.newEntries(), beans.outcomes().notesWritten(), beans.outcomes().notesDeferred(),
                    beans.outcomes().notesParked(), beans.outboxQueries().pendingCount(), Duration.ofNanos(System.nanoTime() - t0),
                    s == null ? 0 : s.filtered(), s == null ? 0 : s.crossFeedDuplicates());
        } finally {
            main.stop();
            phases.end("stop");
        }
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        beans.close();
        db.close();
        phases.end("close");
        if (once) {
            LOG.info("run --once phases {}", phases.line());
        }
    }
}
