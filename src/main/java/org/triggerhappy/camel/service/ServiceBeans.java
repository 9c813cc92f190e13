package org.triggerhappy.camel.service;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.triggerhappy.camel.articles.ArticleExtractor;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.fetch.ImageFetcher;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.ops.CycleLivenessCheck;
import org.triggerhappy.camel.ops.Operations;
import org.triggerhappy.camel.ops.OutcomeReport;
import org.triggerhappy.camel.persistence.ClaimedOutbox;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.InstanceRepository;
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
import org.triggerhappy.camel.pipeline.EntriesSedaComponent;
import org.triggerhappy.camel.pipeline.FeedRefresher;
import org.triggerhappy.camel.pipeline.FullArticles;
import org.triggerhappy.camel.pipeline.FullContentPolicy;
import org.triggerhappy.camel.pipeline.Heartbeat;
import org.triggerhappy.camel.pipeline.InFlight;
import org.triggerhappy.camel.pipeline.LeaseHolder;
import org.triggerhappy.camel.pipeline.LedgerPruner;
import org.triggerhappy.camel.pipeline.NoteDelivery;
import org.triggerhappy.camel.pipeline.OutboxSweeper;
import org.triggerhappy.camel.pipeline.PollSchedule;

/**
 * Builds the beans the XML routes call and binds them into Camel's registry under the names the routes use; the
 * sizes come from {@link Sizing}, the lifecycle is {@link ServiceRuntime}'s. {@link #close()} ends the pools.
 */
final class ServiceBeans implements AutoCloseable {
    private final ExecutorService fetchPool;
    private final ExecutorService pagePool;
    private final OutcomeReport outcomes;
    private final InFlight inFlight = new InFlight();
    private final OutboxQueries outboxQueries;
    private final NoteDelivery delivery;
    private final Heartbeat heartbeat;

    /** @param serve the service (status page and management server) rather than a single run */
    ServiceBeans(Settings settings, Database db, Sizing sizing, boolean serve, BiConsumer<String, Object> registry) {
        OutboxRepository outbox = new OutboxRepository(db.dataSource());
        this.outboxQueries = new OutboxQueries(db.dataSource());
        this.fetchPool = daemonPool(sizing.fetchThreads(), "th-fetch-");
        Clock clock = Clock.systemUTC();
        Operations ops = new Operations(db.dataSource(), clock);
        this.outcomes = ops.outcomes();
        // Names this runtime in trigger and outbox leases; a restart can tell that a holder's process ended.
        LeaseHolder holder = LeaseHolder.forThisProcess();
        String owner = holder.toString();
        FetchSettings fetchSettings = FetchSettings.from(settings);
        FeedFetcher fetcher = new FeedFetcher(fetchSettings);
        HostLimiter hosts = new HostLimiter(settings.fetchPerHost());
        DueTriggers due = new DueTriggers(db.dataSource(), outcomes::cycleStartedAt, owner, sizing.triggerLease(), sizing.leaseBatch());
        FullContentPolicy articlePolicy = new FullContentPolicy(settings.content().fullContent(), sizing.articleWait());
        FeedRefresher refresher = new FeedRefresher(db.dataSource(), fetcher, hosts, new FeedParser(),
                new PollSchedule(settings.pollInterval()), settings.timeZone(), outcomes, inFlight, clock, owner,
                sizing.triggerLease(), sizing.leaseBatch(), articlePolicy, settings.ledger());
        refresher.dedupAcrossFeeds(settings.content().crossFeedDedup());
        this.pagePool = daemonPool(sizing.fetchThreads(), "th-page-");
        FullArticles articles = new FullArticles(articlePolicy, new ArticlePages(
                new FeedFetcher(fetchSettings.forPages()), hosts, new ArticleExtractor(), pagePool), outbox);
        UserPauseRepository pauses = new UserPauseRepository(db.dataSource());
        NoteComposer composer = new NoteComposer(new ImageFetcher(fetchSettings, settings.content().imageMaxBytes()));
        this.delivery = new NoteDelivery(outbox, new OutboxClaims(db.dataSource()),
                new ClaimedOutbox(db.dataSource()), new TriggerRepository(db.dataSource()), pauses, composer,
                SinkChoice.of(settings), inFlight, clock, owner, settings.content().images(), outcomes);
        DeadHolders deadHolders = new DeadHolders(holder, new InstanceRepository(db.dataSource()));
        OutboxSweeper sweeper = new OutboxSweeper(outbox, outboxQueries, pauses, inFlight, Sizing.SWEEP_BATCH, deadHolders);
        this.heartbeat = new Heartbeat(new InstanceRepository(db.dataSource()),
                new TriggerLeaseRepository(db.dataSource()), deadHolders);
        EnexArchiveFlow archive = new EnexArchiveFlow(new TriggerQueries(db.dataSource()), new NoteComposer(),
                settings.archiveDir());

        registry.accept("dataSource", db.dataSource());
        registry.accept("seda", new EntriesSedaComponent());
        registry.accept("fetchPool", fetchPool);
        registry.accept("dueTriggers", due);
        registry.accept("feedRefresher", refresher);
        registry.accept("fullArticles", articles);
        registry.accept("noteDelivery", delivery);
        registry.accept("outboxSweeper", sweeper);
        registry.accept("ledgerPruner", new LedgerPruner(db.dataSource(), clock, settings.ledger().retention(),
                Sizing.PRUNE_BATCH, Sizing.PRUNE_BATCHES));
        registry.accept("heartbeat", heartbeat);
        registry.accept("enexArchive", archive);
        ops.bind(registry);
        registry.accept("cycleLivenessCheck", new CycleLivenessCheck(outcomes::sinceProgress,
                CycleLivenessCheck.boundFor(settings.fetchConnectTimeout(), settings.fetchTimeout())));
        if (serve) {
            Operations.secure(settings.httpAccess(), registry);
        }
    }

    private static ExecutorService daemonPool(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    OutcomeReport outcomes() {
        return outcomes;
    }

    InFlight inFlight() {
        return inFlight;
    }

    /** The outbox's reads: a single run waits on its counts. */
    OutboxQueries outboxQueries() {
        return outboxQueries;
    }

    NoteDelivery delivery() {
        return delivery;
    }

    /** Ends the fetch pools and marks this runtime's heartbeat row as stopped. */
    @Override
    public void close() {
        fetchPool.shutdownNow();
        pagePool.shutdownNow();
        try {
            fetchPool.awaitTermination(Sizing.POOL_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.stopped();
    }
}
