package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.triggerhappy.camel.articles.ExtractionScores;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * The throughput benchmark (see bench/README.md): a local feed farm, a local Evernote-compatible service, a fresh
 * database per scenario, the service as separate {@code run --once} JVMs, and the floor (a bare JDK HttpClient +
 * ROME loop, {@link FloorBench}) over the same farm at the same concurrency. Prints one table with every figure,
 * its ratio to the floor and the target.
 * <p>
 * Scenarios: {@code main} (cold, steady and new-items cycles of N triggers, vs the floor), {@code notes} (notes/s at
 * U users and an Evernote latency), {@code articles} (full content and embedded images vs a bare fetch loop), {@code two}
 * (one vs two and more concurrent instances, latency-bound: {@link ScaleOutBench}), {@code daemon} (steady cycles of a
 * running service vs a warm floor, its memory: {@link DaemonBench}), {@code growth} (the main cycles at several sizes:
 * {@link GrowthBench}), {@code profile}
 * (a cold cycle under JFR, top CPU hot spots), {@code startup} ({@code run --once} with nothing due vs a bare JVM that
 * connects to the database, {@link StartupBench}).
 * <p>
 * The service runs from the jar {@code mvn package} built ({@code -Dbench.serviceJar}), with an AppCDS archive of it
 * ({@link AppCds}, {@code --cds 1}) made by a short training run before the first measured one.
 */
public final class PollBench {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(40);
    private static final String SERVICE_MAIN = "org.triggerhappy.camel.cli.TriggerHappyCli";

    private final BenchOptions o;
    private final Path out;
    private final String serviceCp;
    private final String benchCp;
    private final AppCds cds;
    private final BenchTable table = new BenchTable();
    private final List<String> notes = new ArrayList<>();
    private FeedFarm mainFarm;

    private PollBench(BenchOptions o) throws IOException {
        this.o = o;
        this.out = Path.of(o.string("out")).toAbsolutePath();
        Files.createDirectories(out);
        this.benchCp = System.getProperty("java.class.path");
        String jar = System.getProperty("bench.serviceJar", "");
        boolean fromJar = !jar.isEmpty() && Files.isRegularFile(Path.of(jar));
        this.serviceCp = fromJar ? Path.of(jar).toAbsolutePath().toString()
                : System.getProperty("bench.serviceClasspath", benchCp);
        // An archive holds classes from jars only (no class folders): without the jar there is none.
        this.cds = new AppCds(out.resolve("service.jsa"), fromJar && o.integer("cds") == 1);
        if (!fromJar) {
            notes.add("the service ran from target/classes (no jar from `mvn package`), so without AppCDS");
        }
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(e.getMessage().startsWith("usage") ? 0 : 64);
            return;
        }
        BenchSeeder.databaseSettings(o.string("db-settings"));
        if (o.integer("keep-db") == 1) {
            TestDatabase.keepAtExit(); // else the test support drops every database it made when the JVM exits
        }
        new PollBench(o).run();
        System.exit(0);
    }

    private void run() throws Exception {
        String machine = Machine.describe();
        log("machine: " + machine.replace("\n", "; "));
        log("options: " + o.describe());
        log("database: " + AutoAnalyze.startIfNeeded());
        long t0 = System.nanoTime();
        try {
            for (String s : o.scenarios()) {
                switch (s) {
                    case "main" -> mainScenario();
                    case "notes" -> notesScenario();
                    case "two" -> new ScaleOutBench(o, starter(), table, notes).run();
                    case "daemon" -> new DaemonBench(o, out, benchCp, serviceJvmArgs(), starter(), table, notes)
                            .run(mainFarm());
                    case "growth" -> new GrowthBench(o, starter(), table, notes).run();
                    case "profile" -> profileScenario();
                    case "articles" -> articlesScenario();
                    case "extraction" -> extractionScenario();
                    case "tables" -> tablesScenario();
                    case "startup" -> startupScenario();
                    default -> throw new IllegalArgumentException("unknown scenario " + s);
                }
            }
        } finally {
            if (mainFarm != null) {
                mainFarm.close();
            }
            if (o.integer("keep-db") == 0) {
                BenchSeeder.dropAll();
            }
        }
        StringBuilder report = new StringBuilder();
        report.append("TriggerHappy Camel throughput benchmark\n").append(machine).append('\n')
                .append("load average at end: ").append(Machine.loadAverage()).append('\n')
                .append("options: ").append(o.describe()).append("\n\n")
                .append(table.render());
        if (!notes.isEmpty()) {
            report.append('\n');
            notes.forEach(n -> report.append("* ").append(n).append('\n'));
        }
        report.append(String.format(Locale.ROOT, "%nbenchmark took %.0f s; logs, GC logs and recordings in %s%n",
                (System.nanoTime() - t0) / 1e9, out));
        System.out.println();
        System.out.print(report);
        Files.writeString(out.resolve("results.txt"), report);
    }

    // ---------------------------------------------------------------- tables: sizes after simulated days

    /** In this JVM, no service: the service's tables through simulated days, then their sizes. */
    private void tablesScenario() throws Exception {
        int feeds = o.integer("tables-feeds");
        log("tables: " + feeds + " feeds x " + o.integer("tables-per-day") + " entries a day for "
                + o.integer("tables-days") + " simulated days");
        TablesBench.Figures f = TablesBench.measure(feeds, o.integer("tables-per-day"), o.integer("tables-days"),
                o.integer("tables-retention"), o.integer("tables-window"));
        double toTenThousand = 10_000.0 / feeds;
        table.section(String.format(Locale.ROOT, "tables after %d days, %d feeds x %d entries a day, ledger retention"
                + " %d days (measured | scaled to 10,000 feeds), %.0f s", f.days(), feeds, f.perDay(),
                f.retentionDays(), f.seconds()));
        table.info("thc_entry (rows)", Long.toString(f.entryRows()), Long.toString(Math.round(f.entryRows() * toTenThousand)));
        table.info("thc_entry (MB, with indexes)", mb(f.entryBytes()), mb(f.entryBytes() * toTenThousand));
        table.info("thc_outbox (rows)", Long.toString(f.outboxRows()), Long.toString(Math.round(f.outboxRows() * toTenThousand)));
        table.info("thc_outbox with its payloads (MB, with indexes and TOAST)", mb(f.outboxBytes()), mb(f.outboxBytes() * toTenThousand));
        table.info("thc_feed_state (MB)", mb(f.stateBytes()), mb(f.stateBytes() * toTenThousand));
    }

    private static String mb(double bytes) {
        return BenchTable.num(bytes / 1e6, 1);
    }

    // ---------------------------------------------------------------- extraction: quality vs Readability4J

    /** In this JVM, no service: "service" is our ArticleExtractor, "floor" Readability4J used as-is. */
    private void extractionScenario() {
        log("extraction: scoring the evaluation set");
        List<ExtractionBench.Figures> figures = ExtractionBench.measure();
        ExtractionScores ours = figures.get(0).scores();
        ExtractionScores plain = figures.get(1).scores();
        table.section(String.format(Locale.ROOT, "extraction (%d pages, word 4-grams; floor = Readability4J as-is)",
                ours.pages()));
        table.row("F1", BenchTable.num(ours.f1(), 3), BenchTable.num(plain.f1(), 3),
                BenchTable.ratio(ours.f1() / plain.f1()), ">= 0.95",
                ours.f1() >= 0.95);
        table.info("precision", BenchTable.num(ours.precision(), 3), BenchTable.num(plain.precision(), 3));
        table.info("recall", BenchTable.num(ours.recall(), 3), BenchTable.num(plain.recall(), 3));
        table.info("ms per page (with gunzip, scoring)", BenchTable.num(figures.get(0).msPerPage(), 1),
                BenchTable.num(figures.get(1).msPerPage(), 1));
    }

    // ---------------------------------------------------------------- main: cold / steady / new vs the floor

    private void mainScenario() throws Exception {
        int n = o.integer("feeds");
        int k = o.integer("items");
        int users = o.integer("users");
        int conc = o.integer("concurrency");
        int coldNew = o.integer("cold-new");
        int newItems = o.integer("new-items");
        String xmx = o.string("xmx");
        log(String.format("main: farm of %d feeds × %d items, latency %d ms", n, k, o.integer("farm-latency")));
        FeedFarm farm = mainFarm();
        log(String.format(Locale.ROOT, "main: farm ready, %d bytes per feed uncompressed", farm.rawSize(0)));
        try (FakeEvernote evernote = new FakeEvernote(Duration.ofMillis(o.integer("evernote-latency")), 64)) {
            Instant dateTriggered = farm.created().minus(Duration.ofSeconds(coldNew * 60L + 30));
            warmUp(farm);
            FloorOutcome healer = o.integer("floor-healer") == 1
                    ? floor("floor-cold-healer", farm, n, conc, "cold", true) : null;
            // Each repetition: floor cold + steady, then the service cold + steady on a fresh database; the best
            // of each is kept, so that load from other processes on the machine distorts the figures less.
            int repeat = o.integer("repeat");
            List<FloorOutcome> floorColds = new ArrayList<>();
            List<FloorOutcome> floorSteadies = new ArrayList<>();
            List<ServiceOutcome> colds = new ArrayList<>();
            List<ServiceOutcome> steadies = new ArrayList<>();
            TestDatabase.Db db = null;
            for (int r = 1; r <= repeat; r++) {
                String suffix = repeat == 1 ? "" : "-" + r;
                floorColds.add(floor("floor-cold" + suffix, farm, n, conc, "cold", false));
                floorSteadies.add(floor("floor-steady" + suffix, farm, n, conc, "steady", false));
                db = BenchSeeder.seed(users, n, farm, n, dateTriggered, evernote, "tok-main" + r + "-");
                log("main: seeded " + users + " users, " + n + " triggers");
                colds.add(service("service-cold" + suffix, db, farm, evernote, conc, List.of(), Map.of()));
                steadies.add(service("service-steady" + suffix, db, farm, evernote, conc, List.of(), Map.of()));
            }
            FloorOutcome floorCold = best(floorColds, FloorOutcome::loopMs);
            FloorOutcome floorSteady = best(floorSteadies, FloorOutcome::loopMs);
            ServiceOutcome cold = best(colds, ServiceOutcome::cycleMs);
            ServiceOutcome steady = best(steadies, ServiceOutcome::cycleMs);
            if (repeat > 1) {
                notes.add(String.format(Locale.ROOT, "main: best of %d; all cold cycles (service/floor, s): %s;"
                        + " all steady cycles: %s", repeat, pairs(colds, floorColds), pairs(steadies, floorSteadies)));
            }
            notes.add("main: phases of the cold run --once, ms: " + cold.phasesLine());
            notes.add("main: phases of the steady run --once, ms: " + steady.phasesLine());
            ServiceOutcome fresh = null;
            double notesPerSecond = Double.NaN;
            if (newItems > 0) {
                farm.addItems(newItems);
                try (EvernoteMeter meter = new EvernoteMeter(evernote)) {
                    fresh = service("service-new", db, farm, evernote, conc, List.of(), Map.of());
                    notesPerSecond = meter.notesPerSecond();
                }
            }

            table.section(String.format(Locale.ROOT, "main: %d triggers (%d users) on %d feeds × %d items (%s KB each),"
                            + " farm latency %d ms, TH_FETCH_CONCURRENCY=%d = floor threads, -Xmx%s",
                    n, users, n, k, BenchTable.num(farm.rawSize(0) / 1024.0, 0), o.integer("farm-latency"), conc, xmx));
            double coldRatio = ratio(cold.cycleMs, floorCold.loopMs);
            table.row("cold cycle, s (first poll of every feed)", sec(cold.cycleMs), sec(floorCold.loopMs),
                    BenchTable.ratio(coldRatio), "≤ 2× floor", coldRatio <= 2.0);
            ServiceOutcome coldWall = best(colds, s -> s.run.wallMs());
            FloorOutcome floorColdWall = best(floorColds, f -> f.run.wallMs());
            double coldWallRatio = ratio(coldWall.run.wallMs(), floorColdWall.run.wallMs());
            table.row("  cold: process wall time, s (whole run --once)", sec(coldWall.run.wallMs()),
                    sec(floorColdWall.run.wallMs()), BenchTable.ratio(coldWallRatio), "≤ 2× floor",
                    coldWallRatio <= 2.0);
            table.info("  cold: before / after the cycle, s", phases(cold), "");
            table.row("  cold: process CPU time, s", sec(cold.run.cpuMs()), sec(floorCold.run.cpuMs()),
                    BenchTable.ratio(ratio(cold.run.cpuMs(), floorCold.run.cpuMs())), "", null);
            table.info("  cold: PostgreSQL CPU time during the run, s", sec(cold.run.postgresCpuMs()), "");
            table.info("  cold: JIT compile time (CITime, elapsed), s", BenchTable.num(cold.run.jitSeconds(), 2),
                    BenchTable.num(floorCold.run.jitSeconds(), 2));
            table.info("  cold: entries recorded / parsed", Integer.toString(cold.newEntries),
                    Integer.toString(floorCold.entries));
            table.info("  cold: entries/s", rate(cold.newEntries, cold.cycleMs), rate(floorCold.entries, floorCold.loopMs));
            if (healer != null) {
                table.info("  floor with ROME's default XML healer, s", "", sec(healer.loopMs));
            }
            double steadyRatio = ratio(steady.cycleMs, floorSteady.loopMs);
            table.row("steady cycle, s (every feed 304)", sec(steady.cycleMs), sec(floorSteady.loopMs),
                    BenchTable.ratio(steadyRatio), "≤ 1.25× floor", steadyRatio <= 1.25);
            ServiceOutcome steadyWall = best(steadies, s -> s.run.wallMs());
            FloorOutcome floorSteadyWall = best(floorSteadies, f -> f.run.wallMs());
            double steadyWallRatio = ratio(steadyWall.run.wallMs(), floorSteadyWall.run.wallMs());
            table.row("  steady: process wall time, s (whole run --once)", sec(steadyWall.run.wallMs()),
                    sec(floorSteadyWall.run.wallMs()), BenchTable.ratio(steadyWallRatio), "≤ 1.5× floor",
                    steadyWallRatio <= 1.5);
            table.info("  steady: before / after the cycle, s", phases(steady), "");
            table.row("  steady: process CPU time, s", sec(steady.run.cpuMs()), sec(floorSteady.run.cpuMs()),
                    BenchTable.ratio(ratio(steady.run.cpuMs(), floorSteady.run.cpuMs())), "", null);
            table.info("  steady: PostgreSQL CPU time during the run, s", sec(steady.run.postgresCpuMs()), "");
            table.info("  steady: JIT compile time (CITime, elapsed), s", BenchTable.num(steady.run.jitSeconds(), 2),
                    BenchTable.num(floorSteady.run.jitSeconds(), 2));
            table.info("  steady: not modified", Integer.toString(steady.notModified),
                    Integer.toString(floorSteady.notModified));
            if (fresh != null) {
                table.info(String.format("new-items cycle, s (+%d item/feed)", newItems), sec(fresh.cycleMs), "");
                table.info("  new: entries, notes written", fresh.newEntries + ", " + fresh.notesWritten, "");
                table.info("  new: entries/s (poll cycle)", rate(fresh.newEntries, fresh.cycleMs), "");
                table.info(String.format("  new: notes/s (Evernote latency %d ms)", o.integer("evernote-latency")),
                        BenchTable.num(notesPerSecond, 0), "");
                table.info("  new: process wall / CPU time, s", sec(fresh.run.wallMs()) + " / " + sec(fresh.run.cpuMs()), "");
                table.info("  new: PostgreSQL CPU time during the run, s", sec(fresh.run.postgresCpuMs()), "");
                table.info("  new: before / after the cycle, s", phases(fresh), "");
            }
            List<ServiceOutcome> polls = new ArrayList<>(colds);
            polls.addAll(steadies);
            List<ServiceOutcome> all = new ArrayList<>(polls);
            if (fresh != null) {
                all.add(fresh);
            }
            double peak = polls.stream().mapToDouble(s -> s.run.gc().peakMb()).max().orElse(Double.NaN);
            double live = polls.stream().mapToDouble(s -> s.run.gc().maxLiveMb()).max().orElse(Double.NaN);
            long rss = polls.stream().mapToLong(s -> s.run.rssHwmKb()).max().orElse(0);
            boolean complete = all.stream().allMatch(s -> s.run.exitCode() == 0 && !s.outOfMemory
                    && s.polled == n && s.failures == 0);
            table.row(String.format("%d triggers in -Xmx%s (all polled, no OOM)", n, xmx),
                    complete ? "yes" : "NO", "", "", "every cycle completes", complete);
            table.info("  cold/steady: peak heap, MB (before GC / at exit)", BenchTable.num(peak, 0),
                    BenchTable.num(Math.max(floorCold.run.gc().peakMb(), floorSteady.run.gc().peakMb()), 0));
            table.info("  cold/steady: max heap after a young GC, MB", BenchTable.num(live, 0),
                    BenchTable.num(Math.max(floorCold.run.gc().maxLiveMb(), floorSteady.run.gc().maxLiveMb()), 0));
            table.info("  cold/steady: process RSS high-water mark, MB", BenchTable.num(rss / 1024.0, 0),
                    BenchTable.num(Math.max(floorCold.run.rssHwmKb(), floorSteady.run.rssHwmKb()) / 1024.0, 0));
            table.info("  GC pauses (full) cold / steady", gcs(cold) + " / " + gcs(steady),
                    floorCold.run.gc().pauses() + " / " + floorSteady.run.gc().pauses());
            if (fresh != null) {
                table.info("  new-items cycle: peak heap, MB / RSS, MB",
                        BenchTable.num(fresh.run.gc().peakMb(), 0) + " / " + fresh.run.rssHwmKb() / 1024, "");
                table.info("  new-items cycle: GC pauses (full)", gcs(fresh), "");
            }
            if (!complete) {
                all.forEach(s -> notes.add(s.run.label() + ": exit " + s.run.exitCode() + ", polled " + s.polled
                        + ", failures " + s.failures + (s.outOfMemory ? ", OutOfMemoryError" : "")));
            }
        }
    }

    /** Fetches every feed once from this JVM so that the farm's own JIT is warm before anything is timed. */
    private static void warmUp(FeedFarm farm) throws Exception {
        warmUp(farm, farm.feeds());
    }

    /** Fetches the first {@code limit} feeds once from this JVM (enough to warm the farm's JIT). */
    static void warmUp(FeedFarm farm, int limit) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, farm.feeds()); i++) {
                URI uri = URI.create(farm.url(i));
                all.add(pool.submit(() -> client.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                        HttpResponse.BodyHandlers.discarding())));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        farm.resetCounters();
    }

    private FeedFarm mainFarm() {
        if (mainFarm == null) {
            int conc = Math.max(o.integer("concurrency"), o.integer("two-concurrency"));
            mainFarm = new FeedFarm(o.integer("feeds"), o.integer("items"),
                    Duration.ofMillis(o.integer("farm-latency")), Math.max(32, 4 * conc));
        }
        return mainFarm;
    }

    // ---------------------------------------------------------------- notes/s at U users and an Evernote latency

    private void notesScenario() throws Exception {
        int users = o.integer("notes-users");
        int latency = o.integer("notes-latency");
        int perUser = o.integer("notes-per-user");
        int batches = Math.max(2, o.integer("notes-batches"));
        String dc = o.string("delivery-concurrency");
        log(String.format("notes: %d users × %d new entries, %d batches, Evernote latency %d ms", users, perUser,
                batches, latency));
        try (FeedFarm farm = new FeedFarm(users, perUser, Duration.ZERO, 32);
             FakeEvernote evernote = new FakeEvernote(Duration.ofMillis(latency), Math.max(64, 2 * users))) {
            NotesRun main = notesRun(farm, evernote, "service-notes", batches, perUser, dc.isEmpty() ? Map.of()
                    : Map.of("TH_DELIVERY_CONCURRENCY", dc), null);
            double[] floor = notesFloor(evernote, users, perUser, batches);
            double floorCpuPerNote = lastFloorCpuMs / (double) (batches * users * perUser);
            NotesOnce once = notesOnce(evernote, users, perUser);
            double target = 0.8 * users / (latency / 1000.0);
            double last = main.rates[batches - 1];
            table.section(String.format(Locale.ROOT, "notes: %d users × %d new entries per batch, Evernote latency %d ms,"
                    + " TH_DELIVERY_CONCURRENCY=%s; one running service (`run`), %d batches", users, perUser,
                    latency, dc.isEmpty() ? "default" : dc, batches));
            table.row("notes/s, batch " + batches + " (running service)", BenchTable.num(last, 0),
                    BenchTable.num(floor[batches - 1], 0), slower(floor[batches - 1], last),
                    "≥ " + BenchTable.num(target, 0) + " (0.8×U/latency)", last >= target);
            double onceTarget = 0.5 * users / (latency / 1000.0);
            table.row("notes/s, cold `run --once` (first → last note)", BenchTable.num(once.firstToLast, 0),
                    BenchTable.num(floor[0], 0), slower(floor[0], once.firstToLast),
                    "≥ " + BenchTable.num(onceTarget, 0) + " (0.5×U/latency)", once.firstToLast >= onceTarget);
            table.info("  cold `run --once`: notes / notes/s from the first Evernote call / process wall, CPU, s",
                    once.outcome.notesWritten + " / " + BenchTable.num(once.fromFirstCall, 0) + " / "
                            + sec(once.outcome.run.wallMs()) + ", " + sec(once.outcome.run.cpuMs()), "");
            table.info("  cold `run --once`: CPU per note, ms: whole process / its PostgreSQL backends",
                    BenchTable.num(once.outcome.run.cpuMs() / (double) users / perUser, 2) + " / "
                            + BenchTable.num(once.pgPerNote, 2), "");
            table.info("  notes/s, batch 1 (fresh JVM; note store URL, notebook, tag set up per user)",
                    BenchTable.num(main.rates[0], 0), BenchTable.num(floor[0], 0));
            StringBuilder all = new StringBuilder();
            StringBuilder allFloor = new StringBuilder();
            for (int b = 0; b < batches; b++) {
                all.append(b == 0 ? "" : " / ").append(BenchTable.num(main.rates[b], 0));
                allFloor.append(b == 0 ? "" : " / ").append(BenchTable.num(floor[b], 0));
            }
            table.info("  notes/s, every batch", all.toString(), allFloor.toString());
            table.info("  CPU per note, ms: service in batch " + batches + " / its PostgreSQL backends; floor: whole run", BenchTable.num(
                    main.cpuPerNote[batches - 1], 2) + " / " + BenchTable.num(main.pgPerNote[batches - 1], 2),
                    BenchTable.num(floorCpuPerNote, 2));
            table.info("  fewest possible: P createNote calls per user in series", BenchTable.num(perUser, 0)
                    + " × " + latency + " ms = " + BenchTable.num(perUser * latency / 1000.0, 2) + " s", "");
            table.info("  notes written / Evernote calls", main.notes + " / " + main.calls, "");
            table.info("  process wall / CPU time, s", sec(main.run.wallMs()) + " / " + sec(main.run.cpuMs()), "");
            table.info("  peak heap, MB / RSS, MB", BenchTable.num(main.run.gc().peakMb(), 0) + " / "
                    + BenchTable.num(main.run.rssHwmKb() / 1024.0, 0), "");
        }
    }

    private record NotesOnce(ServiceOutcome outcome, double firstToLast, double fromFirstCall, double pgPerNote) {
    }

    /**
     * A cold {@code run --once} (a fresh JVM and database, as from cron) whose first poll of U feeds delivers P notes
     * per user: notes/s from its first createNote to its last, the Evernote set-up calls before them left out.
     */
    private NotesOnce notesOnce(FakeEvernote evernote, int users, int perUser) throws Exception {
        try (FeedFarm farm = new FeedFarm(users, perUser, Duration.ZERO, 32)) {
            Instant dateTriggered = farm.created().minus(Duration.ofSeconds(perUser * 60L + 30));
            TestDatabase.Db db = BenchSeeder.seed(users, users, farm, users, dateTriggered, evernote,
                    "tok-notes-once-");
            boolean profile = o.integer("notes-profile") == 1;
            Path jfr = out.resolve("service-notes-once.jfr");
            List<String> jvm = profile ? List.of("-XX:StartFlightRecording=filename=" + jfr
                    + ",settings=profile,jdk.ExecutionSample#period=2ms,dumponexit=true") : List.of();
            try (PgBackendCpu backends = new PgBackendCpu(dbName(db));
                 EvernoteMeter meter = new EvernoteMeter(evernote)) {
                ServiceOutcome s = service("service-notes-once", db, farm, evernote, o.integer("concurrency"),
                        jvm, Map.of());
                Thread.sleep(10); // the meter samples every 2 ms
                if (profile) {
                    Instant[] window = meter.noteWindow();
                    String report = String.format(Locale.ROOT, "=== Profile of the cold run --once, first to last"
                            + " note only, %s%n", jfr) + JfrHotSpots.read(jfr, window[0], window[1]).report(25);
                    Files.writeString(out.resolve("profile-notes-once.txt"), report);
                    notes.add("profile: " + out.resolve("profile-notes-once.txt"));
                }
                double pg = backends.ticks() * 1000.0 / JvmRun.CLOCK_TICKS / (users * perUser);
                log(String.format(Locale.ROOT, "service-notes-once: %d notes, %.0f notes/s first to last note,"
                        + " %.0f from the first Evernote call", meter.notes(), meter.notesPerSecondFirstToLast(),
                        meter.notesPerSecond()));
                return new NotesOnce(s, meter.notesPerSecondFirstToLast(), meter.notesPerSecond(), pg);
            }
        }
    }

    /** The database's name, as its backends' process titles show it. */
    static String dbName(TestDatabase.Db db) {
        return db.url().substring(db.url().lastIndexOf('/') + 1);
    }

    /** {@code floor / service} as "1.23×" (how many times slower the service is). */
    private static String slower(double floor, double service) {
        return String.format(Locale.ROOT, "%.2f×", floor / service);
    }

    /** @param threadCpu the last batch's service CPU per note by thread group (ms), largest first */
    private record NotesRun(JvmRun.Result run, double[] rates, double[] seconds, double[] cpuPerNote,
                            double[] pgPerNote, int[] pages, int[] images, int notes, int calls, String threadCpu) {
    }

    /**
     * One service started with {@code run}, as in production. Batch 1: the first poll of U fresh triggers delivers P
     * notes per user (a fresh JVM, and every user's note store URL, notebook and tag looked up or made). Each later
     * batch: every feed gets P new items and the next poll (within about a second) delivers them, with only
     * createNote calls left. Each batch is timed from its first Evernote call (or, with {@code articles}, its first
     * article page or image request if that came earlier) to its last createNote.
     */
    private NotesRun notesRun(FeedFarm farm, FakeEvernote evernote, String label, int batches, int perUser,
                              Map<String, String> env, ArticleFarm articles) throws Exception {
        int users = farm.feeds();
        int perBatch = users * perUser;
        Instant dateTriggered = farm.created().minus(Duration.ofSeconds(perUser * 60L + 30));
        TestDatabase.Db db = BenchSeeder.seed(users, users, farm, users, dateTriggered, evernote, "tok-" + label + "-");
        boolean profile = o.integer("notes-profile") == 1;
        Path jfr = out.resolve(label + ".jfr");
        List<String> jvm = profile ? List.of("-XX:StartFlightRecording=filename=" + jfr
                + ",settings=profile,jdk.ExecutionSample#period=2ms,dumponexit=true") : List.of();
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.putIfAbsent("TH_POLL_INTERVAL", "1s"); // a new batch is picked up within a second or two
        runEnv.putIfAbsent("TH_POLL_TICK", "1s");
        // Every later batch makes the whole document new, which the flood guard would take for a changed feed and
        // record as seen (the farm's items are dated before the poll that finds them).
        runEnv.putIfAbsent("TH_FLOOD_GUARD", "false");
        runEnv.put("TH_HTTP_PORT", Integer.toString(org.triggerhappy.camel.testsupport.ServiceFixture.freePort()));
        runEnv.put("TH_MANAGEMENT_PORT", Integer.toString(org.triggerhappy.camel.testsupport.ServiceFixture.freePort()));
        PgBackendCpu backends = new PgBackendCpu(dbName(db));
        JvmRun run = startService(label, db, farm, evernote, o.integer("concurrency"), jvm, runEnv, List.of("run"));
        double[] rates = new double[batches];
        double[] seconds = new double[batches];
        double[] cpuPerNote = new double[batches];
        double[] pgPerNote = new double[batches];
        int[] pages = new int[batches];
        int[] images = new int[batches];
        int calls = 0;
        String threadCpu = "";
        JvmRun.Result result;
        Instant lastFrom = null;
        Instant lastTo = null;
        try {
            for (int b = 0; b < batches; b++) {
                long cpu0 = run.cpuMsNow();
                ThreadCpu threads0 = ThreadCpu.read(run.pid());
                long pg0 = backends.ticks();
                if (articles != null) {
                    articles.resetCounters();
                }
                try (EvernoteMeter meter = new EvernoteMeter(evernote)) {
                    lastFrom = Instant.now();
                    if (b > 0) {
                        farm.addItems(perUser);
                    }
                    awaitNotes(meter, perBatch, run, label + " batch " + (b + 1));
                    lastTo = Instant.now();
                    seconds[b] = meter.secondsFrom(articles == null ? 0 : articles.firstRequestNanos());
                    rates[b] = meter.notes() / seconds[b];
                    if (articles != null) {
                        pages[b] = articles.pages();
                        images[b] = articles.images();
                    }
                    calls += meter.calls();
                    cpuPerNote[b] = (run.cpuMsNow() - cpu0) / (double) perBatch;
                    pgPerNote[b] = (backends.ticks() - pg0) * 1000.0 / JvmRun.CLOCK_TICKS / perBatch;
                    log(String.format(Locale.ROOT, "%s: batch %d %.0f notes/s over %.2f s, CPU per note: service"
                            + " %.2f ms, PostgreSQL backends %.2f ms", label, b + 1, rates[b], seconds[b], cpuPerNote[b],
                            pgPerNote[b]));
                    threadCpu = ThreadCpu.summary(ThreadCpu.read(run.pid()).since(threads0), perBatch);
                    log(label + ": batch " + (b + 1) + " CPU per note by thread, ms: " + threadCpu);
                }
            }
        } finally {
            backends.close();
            result = run.stop(Duration.ofSeconds(60));
            log(label + ": stopped exit=" + result.exitCode() + " wall_ms=" + result.wallMs() + " cpu_ms="
                    + result.cpuMs());
        }
        if (profile) {
            String report = String.format(Locale.ROOT, "=== Profile of the notes run, last batch only, %s%n", jfr)
                    + JfrHotSpots.read(jfr, lastFrom, lastTo).report(25);
            Files.writeString(out.resolve("profile-notes.txt"), report);
            System.out.println(report);
            notes.add("profile: " + out.resolve("profile-notes.txt"));
        }
        return new NotesRun(result, rates, seconds, cpuPerNote, pgPerNote, pages, images, batches * perBatch, calls,
                threadCpu);
    }

    private long lastFloorCpuMs;

    /** The bare SDK loop ({@link NotesFloor}) in its own JVM against the same Evernote: notes/s per batch. */
    private double[] notesFloor(FakeEvernote evernote, int users, int perUser, int batches) {
        String prefix = "tok-floor-";
        for (int u = 0; u < users; u++) {
            evernote.addAccount(prefix + u, "floor" + u);
        }
        JvmRun.Result r = JvmRun.start("floor-notes", out, o.string("xmx"), serviceJvmArgs(), benchCp,
                NotesFloor.class.getName(), List.of(evernote.baseUrl(), prefix, Integer.toString(users),
                        Integer.toString(perUser), Integer.toString(batches)), Map.of()).await(RUN_TIMEOUT);
        double[] rates = new double[batches];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("NOTES_FLOOR batch=(\\d+) notes=(\\d+) ms=(\\d+)")
                .matcher(r.stdoutText());
        while (m.find()) {
            int b = Integer.parseInt(m.group(1)) - 1;
            rates[b] = Integer.parseInt(m.group(2)) * 1000.0 / Math.max(1, Long.parseLong(m.group(3)));
        }
        logFloor("floor-notes", "NOTES_FLOOR ", r);
        return rates;
    }

    /** Waits until the meter saw {@code n} notes; fails (with the process's log named) after 5 minutes. */
    private static void awaitNotes(EvernoteMeter meter, int n, JvmRun run, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (meter.notes() < n) {
            if (!run.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + meter.notes() + " of " + n + " notes (see the service log"
                        + " in the bench output folder)");
            }
            Thread.sleep(20);
        }
        Thread.sleep(10); // the meter samples every 2 ms: let it take the last note's time
    }

    // ---------------------------------------------------------------- articles: full content and images vs the floor

    /**
     * Article mode: U teaser feeds (one per user) whose items link to article pages with 3 images each; one running
     * service with TH_FULL_CONTENT=always and TH_IMAGES=embed writes B batches of P notes per user, each batch timed
     * from its first page (or Evernote) request to its last createNote. The floor ({@link ArticleFloor}, own JVM)
     * fetches the same pages and images at the same concurrency.
     */
    private void articlesScenario() throws Exception {
        int users = o.integer("articles-feeds");
        int perUser = o.integer("articles-per-feed");
        int batches = Math.max(2, o.integer("articles-batches"));
        int latency = o.integer("articles-latency");
        int conc = o.integer("concurrency");
        log(String.format("articles: %d teaser feeds × %d new entries, %d batches, Evernote latency %d ms", users,
                perUser, batches, latency));
        try (ArticleFarm farm = new ArticleFarm(users, perUser, Math.max(64, 4 * conc));
             FakeEvernote evernote = new FakeEvernote(Duration.ofMillis(latency), Math.max(64, 2 * users))) {
            Map<String, String> env = new HashMap<>(Map.of("TH_FULL_CONTENT", "always", "TH_IMAGES", "embed",
                    // Each trigger is due one interval after its own last poll: a short one keeps a batch's feeds
                    // from being picked up up to a second apart, which the floor never waits for.
                    "TH_POLL_INTERVAL", "250ms", "TH_POLL_TICK", "250ms"));
            String dc = o.string("delivery-concurrency");
            if (!dc.isEmpty()) {
                env.put("TH_DELIVERY_CONCURRENCY", dc);
            }
            String label = "service-articles";
            NotesRun main = notesRun(farm.feeds(), evernote, label, batches, perUser, env, farm);
            long[] floorMs = articleFloor(farm, users, perUser, batches, conc);
            int perBatch = users * perUser;
            int last = batches - 1;
            double floorSeconds = floorMs[last] / 1000.0;
            double timeRatio = ratio(main.seconds[last], floorSeconds);
            table.section(String.format(Locale.ROOT, "articles: %d teaser feeds × %d new entries per batch, pages of"
                    + " ~1,500 words with 3 images (20–60 KB), TH_FULL_CONTENT=always, TH_IMAGES=embed,"
                    + " TH_FETCH_CONCURRENCY=%d = floor threads, Evernote latency %d ms; one running service"
                    + " (TH_POLL_INTERVAL=250ms), %d batches", users, perUser, conc, latency, batches));
            table.row("batch " + batches + " time, s (first page fetch → last note)", BenchTable.num(main.seconds[last], 2),
                    BenchTable.num(floorSeconds, 2), BenchTable.ratio(timeRatio), "≤ 2× floor", timeRatio <= 2.0);
            table.info("  notes/s (floor: articles fetched/s), batch " + batches, BenchTable.num(main.rates[last], 0),
                    BenchTable.num(perBatch / floorSeconds, 0));
            StringBuilder all = new StringBuilder();
            StringBuilder allFloor = new StringBuilder();
            for (int b = 0; b < batches; b++) {
                all.append(b == 0 ? "" : " / ").append(BenchTable.num(main.seconds[b], 2));
                allFloor.append(b == 0 ? "" : " / ").append(BenchTable.num(floorMs[b] / 1000.0, 2));
            }
            table.info("  time of every batch, s (batch 1: fresh JVM)", all.toString(), allFloor.toString());
            table.info("  CPU per note, ms: service / its PostgreSQL backends, batch " + batches + "; floor: whole run",
                    BenchTable.num(main.cpuPerNote[last], 2) + " / " + BenchTable.num(main.pgPerNote[last], 2),
                    BenchTable.num(lastFloorCpuMs / (double) (batches * perBatch), 2));
            table.info("  service CPU per note by thread, ms, batch " + batches, main.threadCpu, "");
            table.info("  pages / images fetched, batch " + batches + " (floor: 1 + 3 per article)",
                    main.pages[last] + " / " + main.images[last], perBatch + " / " + 3 * perBatch);
            table.info("  notes: with the whole article / en-media per note", articleNotes(evernote, label, users), "");
            table.info("  notes written / Evernote calls", main.notes + " / " + main.calls, "");
            table.info("  process wall / CPU time, s", sec(main.run.wallMs()) + " / " + sec(main.run.cpuMs()), "");
            table.info("  peak heap, MB / RSS, MB", BenchTable.num(main.run.gc().peakMb(), 0) + " / "
                    + BenchTable.num(main.run.rssHwmKb() / 1024.0, 0), "");
        }
    }

    /** The bare fetch loop ({@link ArticleFloor}) in its own JVM over the same farm: ms per batch. */
    private long[] articleFloor(ArticleFarm farm, int feeds, int perFeed, int batches, int conc) {
        farm.resetCounters();
        JvmRun.Result r = JvmRun.start("floor-articles", out, o.string("xmx"), serviceJvmArgs(), benchCp,
                ArticleFloor.class.getName(), List.of(farm.origin(), Integer.toString(feeds), Integer.toString(perFeed),
                        Integer.toString(batches), Integer.toString(conc)), Map.of()).await(RUN_TIMEOUT);
        long[] ms = new long[batches];
        Matcher m = Pattern.compile("ARTICLE_FLOOR batch=(\\d+) .*failed=(\\d+) ms=(\\d+)").matcher(r.stdoutText());
        while (m.find()) {
            int b = Integer.parseInt(m.group(1)) - 1;
            ms[b] = Integer.parseInt(m.group(2)) == 0 ? Long.parseLong(m.group(3)) : -1;
        }
        logFloor("floor-articles", "ARTICLE_FLOOR ", r);
        return ms;
    }

    /** Logs a floor's result lines (those starting with {@code prefix}) and keeps its CPU time. */
    private void logFloor(String label, String prefix, JvmRun.Result r) {
        StringBuilder line = new StringBuilder(label + ":");
        for (String l : r.stdoutText().split("\n")) {
            if (l.startsWith(prefix)) {
                line.append(' ').append(l.substring(prefix.length())).append(';');
            }
        }
        log(line + " cpu_ms=" + r.cpuMs());
        lastFloorCpuMs = r.cpuMs();
    }

    /** How many of the service's notes hold the whole article (not the teaser), and en-media per note. */
    private static String articleNotes(FakeEvernote evernote, String label, int users) {
        int notes = 0;
        int whole = 0;
        int media = 0;
        for (int u = 0; u < users; u++) {
            for (FakeEvernote.StoredNote note : evernote.notes("tok-" + label + "-" + u)) {
                notes++;
                String content = note.content() == null ? "" : note.content();
                if (content.length() > 4 * ArticlePages.TEASER_MAX_CHARS) {
                    whole++;
                }
                media += content.split("<en-media", -1).length - 1;
            }
        }
        return whole + " of " + notes + " / " + BenchTable.num(notes == 0 ? Double.NaN : media / (double) notes, 1);
    }

    // ---------------------------------------------------------------- startup: run --once with nothing due

    /**
     * {@code run --once} on a migrated database without triggers, against a bare JVM that connects to the same
     * database and runs {@code select 1} ({@link DbFloor}), taking turns; with the AppCDS archive and (when there is
     * one) without. A first round warms the page cache and is not counted.
     */
    private void startupScenario() throws Exception {
        int runs = o.integer("startup-repeat");
        TestDatabase.Db db = BenchSeeder.fresh();
        try (com.zaxxer.hikari.HikariDataSource ds = BenchSeeder.migrated(db)) {
            new org.triggerhappy.camel.persistence.UserServiceRepository(ds).ensureServices();
        }
        log("startup: " + runs + " rounds of the floor and run --once with nothing due");
        String floorCp = StartupBench.floorClasspath(benchCp);
        Map<String, String> dbEnv = Map.of("TH_DB_URL", db.url(), "TH_DB_USER", db.user(), "TH_DB_PASSWORD",
                db.password());
        List<JvmRun.Result> floors = new ArrayList<>();
        List<ServiceOutcome> services = new ArrayList<>();
        List<ServiceOutcome> plain = new ArrayList<>();
        try (FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 4)) {
            for (int r = 0; r <= runs; r++) {
                String suffix = r == 0 ? "-warm-up" : "-" + r;
                JvmRun.Result f = JvmRun.start("startup-floor" + suffix, out, o.string("xmx"), serviceJvmArgs(),
                        floorCp, DbFloor.class.getName(), List.of(), dbEnv).await(RUN_TIMEOUT);
                log("startup-floor" + suffix + ": " + f.stdoutText().trim() + " wall_ms=" + f.wallMs() + " cpu_ms="
                        + f.cpuMs());
                ServiceOutcome s = service("startup-service" + suffix, db, null, evernote,
                        o.integer("concurrency"), List.of(), Map.of());
                ServiceOutcome p = null;
                if (cds.enabled()) {
                    p = ServiceOutcome.of(startService("startup-without-cds" + suffix, db, null, evernote,
                            o.integer("concurrency"), List.of(), Map.of(), List.of("run", "--once"), false)
                            .await(RUN_TIMEOUT));
                    log("startup-without-cds" + suffix + ": " + p.summary());
                }
                if (r > 0) {
                    floors.add(f);
                    services.add(s);
                    if (p != null) {
                        plain.add(p);
                    }
                }
            }
        }
        StartupBench.report(table, notes, runs, o.string("xmx"), floors, services, plain);
    }

    // ---------------------------------------------------------------- profile: a cold cycle under JFR

    private void profileScenario() throws Exception {
        FeedFarm farm = mainFarm();
        int n = farm.feeds();
        try (FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 16)) {
            Instant dateTriggered = farm.created().plusSeconds(3600); // deliver nothing: polling only
            TestDatabase.Db db = BenchSeeder.seed(o.integer("users"), n, farm, n, dateTriggered, evernote, "tok-prof-");
            table.section("profile: " + n + " feeds under JFR (settings=profile, ExecutionSample every 2 ms);"
                    + " samples inside the poll cycle only");
            StringBuilder report = new StringBuilder();
            for (String cycle : List.of("cold", "steady")) {
                Path jfr = out.resolve("service-" + cycle + ".jfr");
                Files.deleteIfExists(jfr);
                ServiceOutcome s = service("service-profile-" + cycle, db, farm, evernote, o.integer("concurrency"),
                        List.of("-XX:StartFlightRecording=filename=" + jfr
                                + ",settings=profile,jdk.ExecutionSample#period=2ms,dumponexit=true"), Map.of());
                boolean timed = s.cycleEndEpochMs >= 0;
                JfrHotSpots hot = JfrHotSpots.read(jfr, timed ? s.cycleStart() : null, timed ? s.cycleEnd() : null);
                report.append(String.format(Locale.ROOT, "%n=== Profile of a %s cycle of %d feeds: cycle %s s, %s%n",
                        cycle, n, sec(s.cycleMs), jfr)).append(hot.report(15));
                table.info(cycle + " cycle under JFR, s / CPU samples", sec(s.cycleMs) + " / " + hot.samples(), "");
            }
            Files.writeString(out.resolve("profile.txt"), report);
            System.out.println(report);
            notes.add("profile: " + out.resolve("profile.txt"));
        }
    }

    // ---------------------------------------------------------------- processes

    private ServiceOutcome service(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int conc,
                                   List<String> jvmArgs, Map<String, String> env) {
        ServiceOutcome s = ServiceOutcome.of(startService(label, db, farm, evernote, conc, jvmArgs, env)
                .await(RUN_TIMEOUT));
        log(label + ": " + s.summary());
        return s;
    }

    private JvmRun startService(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int conc,
                                List<String> jvmArgs, Map<String, String> extraEnv) {
        return startService(label, db, farm, evernote, conc, jvmArgs, extraEnv, List.of("run", "--once"));
    }

    private JvmRun startService(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int conc,
                                List<String> jvmArgs, Map<String, String> extraEnv, List<String> command) {
        return startService(label, db, farm, evernote, conc, jvmArgs, extraEnv, command, true);
    }

    private JvmRun startService(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int conc,
                                List<String> jvmArgs, Map<String, String> extraEnv, List<String> command,
                                boolean withCds) {
        return startService(label, db, farm, evernote, conc, o.string("xmx"), jvmArgs, extraEnv, command, withCds);
    }

    /** How the scenarios in classes of their own start the service: as here, with the AppCDS archive. */
    private ServiceStarter starter() {
        return (label, db, farm, evernote, conc, xmx, env, command) -> startService(label, db, farm, evernote, conc,
                xmx, List.of(), env, command, true);
    }

    /** {@code withCds}: with the AppCDS archive of the jar when there is one (made by a training run at first use). */
    private JvmRun startService(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int conc,
                                String xmx, List<String> jvmArgs, Map<String, String> extraEnv, List<String> command,
                                boolean withCds) {
        withCds &= jvmArgs.stream().noneMatch(a -> a.startsWith("-XX:StartFlightRecording"));
        if (withCds && cds.enabled() && !cds.ready()) {
            trainCds();
        }
        Map<String, String> env = new HashMap<>();
        env.put("TH_DB_URL", db.url());
        env.put("TH_DB_USER", db.user());
        env.put("TH_DB_PASSWORD", db.password());
        env.put("TH_DATA_DIR", out.resolve("data-" + label).toString());
        env.put("TH_EVERNOTE_URL", evernote.baseUrl());
        if (farm != null) {
            env.put("TH_ALLOW_PRIVATE_NETWORKS", farm.hostPort());
        }
        env.put("TH_FETCH_CONCURRENCY", Integer.toString(conc));
        // The farm's entries link to names under example.org: never follow them (the articles scenario sets its own).
        env.put("TH_FULL_CONTENT", "never");
        env.put("TH_IMAGES", "link");
        // The farm is one host:port standing in for thousands of sites: the per-host politeness limit must not
        // cap it below the concurrency the floor gets.
        env.put("TH_FETCH_PER_HOST", Integer.toString(conc));
        String dc = o.string("delivery-concurrency");
        if (!dc.isEmpty()) {
            env.put("TH_DELIVERY_CONCURRENCY", dc);
        }
        env.putAll(extraEnv);
        List<String> jvm = new ArrayList<>(List.of(
                // what the jar's manifest gives `java -jar`: the DTD grammar cache (notes.DtdGrammarCache)
                // (every log line starts with its ISO-8601 time: ops.LogSetup)
                "--add-exports", "java.xml/com.sun.org.apache.xerces.internal.util=ALL-UNNAMED"));
        jvm.addAll(serviceJvmArgs());
        if (withCds) {
            jvm.addAll(cds.jvmArgs());
        }
        jvm.addAll(jvmArgs);
        return JvmRun.start(label, out, xmx, jvm, serviceCp, SERVICE_MAIN, command, env);
    }

    /**
     * The AppCDS archive, made the way a user's first run makes it ({@code -XX:ArchiveClassesAtExit}): one {@code run
     * --once} of 20 feeds that writes 40 notes, so that fetching, parsing and delivery are in it, on a database and
     * farm of its own.
     */
    private void trainCds() {
        log("AppCDS: training run for " + cds.archive());
        try (FeedFarm farm = new FeedFarm(20, 10, Duration.ZERO, 8);
             FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 8)) {
            Instant dateTriggered = farm.created().minus(Duration.ofSeconds(2 * 60L + 30));
            TestDatabase.Db db = BenchSeeder.seed(2, 20, farm, 20, dateTriggered, evernote, "tok-cds-");
            ServiceOutcome s = ServiceOutcome.of(startService("service-cds-training", db, farm, evernote, 4,
                    cds.trainingArgs(), Map.of(), List.of("run", "--once"), false).await(RUN_TIMEOUT));
            log("AppCDS: " + s.summary() + "; " + cds.describe());
        } catch (Exception e) {
            throw new IllegalStateException("AppCDS training run failed", e);
        }
        cds.trained();
        if (!cds.ready()) {
            notes.add("AppCDS: the training run left no archive; the service ran without one");
        }
    }

    /** Extra JVM options for the service and the floors alike ({@code --jvm-args "-XX:… -XX:…"}). */
    private List<String> serviceJvmArgs() {
        String extra = o.string("jvm-args").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private FloorOutcome floor(String label, FeedFarm farm, int feeds, int conc, String mode, boolean healer) {
        List<String> args = new ArrayList<>(List.of(mode, farm.baseUrl(), Integer.toString(feeds),
                Integer.toString(conc), out.resolve("floor-validators.tsv").toString()));
        if (healer) {
            args.add("healer");
        }
        JvmRun.Result r = JvmRun.start(label, out, o.string("xmx"), serviceJvmArgs(), benchCp, FloorBench.class.getName(), args,
                Map.of()).await(RUN_TIMEOUT);
        FloorOutcome f = FloorOutcome.of(r);
        log(label + ": " + r.stdoutText().trim() + " wall_ms=" + r.wallMs() + " cpu_ms=" + r.cpuMs());
        return f;
    }

    /**
     * What one {@code run --once} reported: its poll-cycle line (stderr) and its summary line (stdout); the log's
     * timestamps place the cycle inside the process's life (startup before it, delivery drain and shutdown after).
     */
    record ServiceOutcome(JvmRun.Result run, long cycleMs, int polled, int notModified, int failures, int newEntries,
                          int notesWritten, boolean outOfMemory, long cycleEndEpochMs, Map<String, Long> phases) {
        static ServiceOutcome of(JvmRun.Result r) {
            String err = r.stderrText();
            String cycleLine = "";
            for (String line : err.split("\n")) {
                if (line.contains("poll cycle done")) {
                    cycleLine = line;
                }
            }
            String once = r.stdoutText();
            boolean oom = err.contains("OutOfMemoryError") || once.contains("OutOfMemoryError");
            long end = -1;
            try {
                end = OffsetDateTime.parse(cycleLine.substring(0, cycleLine.indexOf(' '))).toInstant().toEpochMilli();
            } catch (RuntimeException e) {
                // no timestamp: leave the phases out
            }
            return new ServiceOutcome(r, value(cycleLine, "duration_ms=(\\d+)", -1),
                    (int) value(cycleLine, "triggers_polled=(\\d+)", -1),
                    (int) value(cycleLine, "not_modified=(\\d+)", -1), (int) value(cycleLine, "failures=(\\d+)", -1),
                    (int) value(cycleLine, "new_entries=(\\d+)", -1), (int) value(once, "(\\d+) notes written", -1), oom, end,
                    StartupBench.phases(err));
        }

        /** The service's own phase timings ({@code run --once phases …}), "n/a" without them. */
        String phasesLine() {
            return phases.isEmpty() ? "n/a" : phases.toString().replaceAll("[{}]", "");
        }

        /** From the process start to the start of the poll cycle: JVM, Flyway, Camel. */
        long startupMs() {
            return cycleEndEpochMs < 0 || cycleMs < 0 ? -1 : cycleEndEpochMs - cycleMs - run.startEpochMs();
        }

        /** From the end of the poll cycle to the process's exit: remaining deliveries, Camel stop, JVM exit. */
        long afterCycleMs() {
            return cycleEndEpochMs < 0 ? -1 : run.startEpochMs() + run.wallMs() - cycleEndEpochMs;
        }

        Instant cycleStart() {
            return Instant.ofEpochMilli(cycleEndEpochMs - cycleMs);
        }

        Instant cycleEnd() {
            return Instant.ofEpochMilli(cycleEndEpochMs);
        }

        String summary() {
            return String.format(Locale.ROOT, "exit=%d cycle_ms=%d wall_ms=%d cpu_ms=%d polled=%d not_modified=%d"
                            + " failures=%d new_entries=%d notes_written=%d peak_heap_mb=%.0f rss_mb=%d startup_ms=%d"
                            + " after_cycle_ms=%d%s", run.exitCode(), cycleMs, run.wallMs(), run.cpuMs(), polled,
                    notModified, failures, newEntries, notesWritten, run.gc().peakMb(), run.rssHwmKb() / 1024,
                    startupMs(), afterCycleMs(), outOfMemory ? " OOM" : "");
        }
    }

    /** The floor's result line. */
    record FloorOutcome(JvmRun.Result run, int ok, int notModified, int failed, int entries, long loopMs) {
        static FloorOutcome of(JvmRun.Result r) {
            String s = r.stdoutText();
            return new FloorOutcome(r, (int) value(s, "ok=(\\d+)", -1), (int) value(s, "not_modified=(\\d+)", -1),
                    (int) value(s, "failed=(\\d+)", -1), (int) value(s, "entries=(\\d+)", -1),
                    value(s, "loop_ms=(\\d+)", -1));
        }
    }

    private static long value(String text, String regex, long otherwise) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : otherwise;
    }

    private static double ratio(double a, double b) {
        return a < 0 || b <= 0 ? Double.NaN : a / b;
    }

    /** The run with the smallest non-negative figure (a failed run reports -1). */
    private static <T> T best(List<T> runs, ToLongFunction<T> figure) {
        return runs.stream().min(Comparator.comparingLong(
                (T t) -> figure.applyAsLong(t) < 0 ? Long.MAX_VALUE : figure.applyAsLong(t))).orElseThrow();
    }

    private static String pairs(List<ServiceOutcome> service, List<FloorOutcome> floor) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < service.size(); i++) {
            p.add(sec(service.get(i).cycleMs) + "/" + sec(floor.get(i).loopMs));
        }
        return String.join(", ", p);
    }

    private static String gcs(ServiceOutcome s) {
        return s.run.gc().pauses() + " (" + s.run.gc().fullGcs() + ")";
    }

    private static String phases(ServiceOutcome s) {
        return sec(s.startupMs()) + " / " + sec(s.afterCycleMs());
    }

    static String sec(long ms) {
        return ms < 0 ? "n/a" : BenchTable.num(ms / 1000.0, 2);
    }

    private static String rate(int count, long ms) {
        return count < 0 || ms <= 0 ? "n/a" : BenchTable.num(count * 1000.0 / ms, 0);
    }

    static void log(String line) {
        System.out.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), line);
    }
}
