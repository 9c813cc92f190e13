package org.triggerhappy.camel.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.articles.ArticleExtractor;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.evernote.EvernoteClients;
import org.triggerhappy.camel.evernote.EvernoteGateway;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.fetch.ImageFetcher;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.ops.CycleLivenessCheck;
import org.triggerhappy.camel.ops.Operations;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.InstanceRepository;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.persistence.OutboxClaims;
import org.triggerhappy.camel.persistence.OutboxQueries;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerLeaseRepository;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;
import org.triggerhappy.camel.pipeline.ArticlePages;
import org.triggerhappy.camel.pipeline.DeadHolders;
import org.triggerhappy.camel.pipeline.DueTriggers;
import org.triggerhappy.camel.pipeline.EnexArchiveFlow;
import org.triggerhappy.camel.pipeline.EnexSink;
import org.triggerhappy.camel.pipeline.EntriesSedaComponent;
import org.triggerhappy.camel.pipeline.EvernoteSink;
import org.triggerhappy.camel.pipeline.FeedRefresher;
import org.triggerhappy.camel.pipeline.FullArticles;
import org.triggerhappy.camel.pipeline.FullContentPolicy;
import org.triggerhappy.camel.pipeline.Heartbeat;
import org.triggerhappy.camel.pipeline.InFlight;
import org.triggerhappy.camel.pipeline.LeaseHolder;
import org.triggerhappy.camel.pipeline.LedgerPruner;
import org.triggerhappy.camel.pipeline.NoteDelivery;
import org.triggerhappy.camel.pipeline.NoteSink;
import org.triggerhappy.camel.pipeline.OutboxSweeper;
import org.triggerhappy.camel.pipeline.PollCycle;
import org.triggerhappy.camel.pipeline.PollSchedule;

/**
 * Wires the beans the XML routes call and runs Camel Main: for good ({@link #runForever()}) or for one cycle whose
 * notes are all written before it returns ({@link #runOnce(Duration)}).
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private static final AtomicInteger RUNTIMES_IN_JVM = new AtomicInteger();
    /** Default pool of {@code run}: 2 services and a cron run (40 + 40 + 10) leave room below 100 connections. */
    public static final int SERVICE_POOL = 40;
    /** Default pool of {@code run --once}. */
    public static final int ONCE_POOL = 10;
    /** How long an idle queue consumer of a single run waits for work before looking whether to stop. */
    static final Duration ONCE_QUEUE_POLL = Duration.ofMillis(50);
    /**
     * The built-in route files, named: a pattern such as {@code routes/*.xml} makes Camel scan the whole jar for
     * matches, twice, at every start.
     */
    static final List<String> ROUTE_FILES = List.of("poll.xml", "evernote.xml", "flows.xml", "flow-enex-archive.xml",
            "flow-webhook.xml", "housekeeping.xml", "instances.xml", "status.xml");

    private final Settings settings;
    private final Database db;
    private final ExecutorService fetchPool;
    private final ExecutorService pagePool;
    private final PollCycle cycle = new PollCycle();
    private final InFlight inFlight = new InFlight();
    private final OutboxRepository outbox;
    private final OutboxQueries outboxQueries;
    private final NoteDelivery delivery;
    private final Heartbeat heartbeat;
    private final Main main;
    private final Phases phases;
    private volatile boolean once;

    private ServiceRuntime(Settings settings, Database db, boolean timer, Phases phases) {
        this.settings = settings;
        this.db = db;
        this.phases = phases;
        this.outbox = new OutboxRepository(db.dataSource());
        this.outboxQueries = new OutboxQueries(db.dataSource());
        this.fetchPool = daemonPool(settings.fetchConcurrency(), "th-fetch-");
        Clock clock = Clock.systemUTC();
        // Names this runtime in trigger and outbox leases; a restart can tell that a holder's process ended.
        LeaseHolder holder = LeaseHolder.forThisProcess();
        String owner = holder.toString();
        FetchSettings fetchSettings = FetchSettings.from(settings);
        FeedFetcher fetcher = new FeedFetcher(fetchSettings);
        HostLimiter hosts = new HostLimiter(settings.fetchPerHost());
        // A refresh holds its trigger at most for one fetch plus parsing and storing; then others may take it.
        Duration lease = settings.fetchTimeout().plusMinutes(2);
        // Triggers leased, and unchanged polls recorded, per statement: what the fetch workers go through in a moment.
        int batch = Math.max(8, Math.min(200, 2 * settings.fetchConcurrency()));
        DueTriggers due = new DueTriggers(db.dataSource(), cycle, owner, lease, batch);
        // A feed's queued entries wait for their articles at most for a few page fetches; released when done.
        FullContentPolicy articlePolicy = new FullContentPolicy(settings.content().fullContent(),
                settings.fetchTimeout().multipliedBy(3).plusMinutes(1));
        FeedRefresher refresher = new FeedRefresher(db.dataSource(), fetcher, hosts, new FeedParser(),
                new PollSchedule(settings.pollInterval()), settings.timeZone(), cycle, inFlight, clock, owner, lease,
                batch, articlePolicy, settings.ledger());
        refresher.dedupAcrossFeeds(settings.content().crossFeedDedup());
        this.pagePool = daemonPool(settings.fetchConcurrency(), "th-page-");
        FullArticles articles = new FullArticles(articlePolicy, new ArticlePages(
                new FeedFetcher(fetchSettings.forPages()), hosts, new ArticleExtractor(), pagePool), outbox);
        UserPauseRepository pauses = new UserPauseRepository(db.dataSource());
        NoteComposer composer = new NoteComposer(new ImageFetcher(fetchSettings, settings.content().imageMaxBytes()));
        this.delivery = new NoteDelivery(outbox, new OutboxClaims(db.dataSource()),
                new ClaimedOutbox(db.dataSource()), new TriggerRepository(db.dataSource()), pauses, composer, sink(settings), inFlight, clock,
                owner, settings.content().images());
        DeadHolders deadHolders = new DeadHolders(holder, new InstanceRepository(db.dataSource()));
        OutboxSweeper sweeper = new OutboxSweeper(outbox, outboxQueries, pauses, inFlight, 1000, deadHolders);
        this.heartbeat = new Heartbeat(new InstanceRepository(db.dataSource()),
                new TriggerLeaseRepository(db.dataSource()), deadHolders);
        EnexArchiveFlow archive = new EnexArchiveFlow(new TriggerQueries(db.dataSource()), new NoteComposer(),
                settings.archiveDir());
        Operations ops = new Operations(db.dataSource(), clock);
        refresher.instrument(ops.metrics());
        delivery.instrument(ops.metrics());
        cycle.onEnd(s -> ops.metrics().cycleDone(s.duration()));
        cycle.countNotesWith(delivery::written);

        this.main = new Main();
        main.bind("dataSource", db.dataSource());
        main.bind("seda", new EntriesSedaComponent());
        main.bind("fetchPool", fetchPool);
        main.bind("pollCycle", cycle);
        main.bind("dueTriggers", due);
        main.bind("feedRefresher", refresher);
        main.bind("fullArticles", articles);
        main.bind("noteDelivery", delivery);
        main.bind("outboxSweeper", sweeper);
        main.bind("ledgerPruner", new LedgerPruner(db.dataSource(), clock, settings.ledger().retention(),
                5000, 20));
        main.bind("heartbeat", heartbeat);
        main.bind("enexArchive", archive);
        ops.bind(main::bind);
        main.bind("cycleLivenessCheck", new CycleLivenessCheck(cycle::sinceProgress,
                CycleLivenessCheck.boundFor(settings.fetchConnectTimeout(), settings.fetchTimeout())));
        if (timer) {
            Operations.secure(settings.httpAccess(), main::bind);
        }
        camelProperties(timer).forEach(main::addOverrideProperty);
        if (!settings.routesDir().isEmpty()) {
            RouteFilesWatcher.install(main, java.nio.file.Path.of(settings.routesDir()));
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

    private static ExecutorService daemonPool(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    /**
     * The pool sized for the service ({@code service}) or for one {@code run --once}, unless TH_DB_POOL_SIZE says.
     * Threads hold a connection only between network waits; the defaults keep two services and a cron run within
     * PostgreSQL's default 100 connections (see {@link #SERVICE_POOL} and {@link #ONCE_POOL}).
     */
    public static Database openDatabase(Settings settings, boolean service) {
        int byConcurrency = settings.fetchConcurrency() + settings.deliveryConcurrency() + 4;
        int size = settings.dbPoolSize(Math.min(byConcurrency, service ? SERVICE_POOL : ONCE_POOL));
        // The service keeps its pool full; a single run opens connections as its work needs them.
        return Database.open(settings, size, service ? size : 1);
    }

    /** On an open, migrated database; closing the runtime closes it. */
    public static ServiceRuntime create(Settings settings, Database db, boolean timer) {
        return new ServiceRuntime(settings, db, timer, Phases.fromNow());
    }

    private static NoteSink sink(Settings s) {
        if (s.sink() == Settings.Sink.ENEX) {
            LOG.info("notes go to ENEX files in {}", s.enexDir());
            return new EnexSink(new EnexWriter(s.enexDir()));
        }
        return new EvernoteSink(new EvernoteGateway(new EvernoteClients(s.evernoteUrl(), s.evernoteConnectTimeout(),
                s.evernoteReadTimeout())));
    }

    private Map<String, String> camelProperties(boolean timer) {
        Duration tick = settings.pollTick();
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern",
                String.join(",", ROUTE_FILES.stream().map(f -> "classpath:routes/" + f).toList()));
        // The context name also names the Quartz scheduler, which is a JVM-wide singleton per name: two runtimes
        // in one JVM (tests, benchmarks) need their own.
        int n = RUNTIMES_IN_JVM.getAndIncrement();
        p.put("camel.main.name", n == 0 ? "triggerhappy" : "triggerhappy-" + n);
        p.put("camel.component.sql.data-source", "#dataSource");
        p.put("th.poll.timer.enabled", Boolean.toString(timer));
        p.put("th.poll.tick.ms", Long.toString(tick.toMillis()));
        // Due outbox items (retries, leftovers of a crashed instance) are looked for as often as due triggers,
        // and at least every 30 s; the query is one index scan.
        p.put("th.sweep.period.ms", Long.toString(Math.min(tick.toMillis(), 30_000)));
        p.put("th.delivery.concurrency", Integer.toString(settings.deliveryConcurrency()));
        p.put("th.prune.period.ms", Long.toString(Duration.ofHours(1).toMillis()));
        p.put("th.heartbeat.period.ms", Long.toString(Heartbeat.EVERY.toMillis()));
        if (!timer) {
            // Stopping waits for every queue consumer's poll to time out (Camel's default: 1 s per queue); a single
            // run stops once, right after its work, and would spend most of its stop waiting.
            p.put("camel.component.seda.default-poll-timeout", Long.toString(ONCE_QUEUE_POLL.toMillis()));
        }
        p.putAll(settings.flowOverrides());
        p.putAll(Operations.camelProperties(timer, settings.httpAccess().host(), settings.httpPort(),
                settings.managementPort()));
        return p;
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
            while (!(inFlight.isEmpty() && outboxQueries.workableCount() == 0)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("run --once: gave up waiting after {}; unfinished notes stay queued for the next run", timeout);
                    break;
                }
                Thread.sleep(100);
            }
            PollCycle.Summary s = cycle.last();
            phases.end("cycle");
            return new OnceSummary(s == null ? 0 : s.polled(), s == null ? 0 : s.failed(),
                    s == null ? 0 : s.newEntries(), delivery.written(), delivery.deferred(), delivery.parked(),
                    outboxQueries.pendingCount(), Duration.ofNanos(System.nanoTime() - t0), s == null ? 0 : s.filtered(),
                    s == null ? 0 : s.crossFeedDuplicates());
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
        fetchPool.shutdownNow();
        pagePool.shutdownNow();
        try {
            fetchPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.stopped();
        db.close();
        phases.end("close");
        if (once) {
            LOG.info("run --once phases {}", phases.line());
        }
    }
}
