package org.triggerhappy.camel.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.triggerhappy.camel.bench.PollBench.ServiceOutcome;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * The scale-out scenario ({@code two}): a latency-bound workload (M feeds that each take a fixed time to answer, every
 * feed with new entries) done by one instance and by K concurrent ones on one database, each K on a fresh database,
 * all on the same farm and Evernote. An instance is a running service ({@code run}, the default) or a
 * {@code run --once} ({@code --two-mode once}). Timed from the farm's first feed request to the last createNote;
 * duplicates are counted in the notes Evernote holds (two notes of one account with the same source URL).
 */
final class ScaleOutBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final BenchOptions o;
    private final ServiceStarter services;
    private final BenchTable table;
    private final List<String> notes;

    ScaleOutBench(BenchOptions o, ServiceStarter services, BenchTable table, List<String> notes) {
        this.o = o;
        this.services = services;
        this.table = table;
        this.notes = notes;
    }

    /**
     * One instance's share: triggers it polled (a trigger polled twice counts twice), from its process start to its
     * first cycle's start, and when that was.
     */
    private record Instance(int polled, long startupMs, long cycleStartEpochMs, long cpuMs, String summary) {
        static Instance once(ServiceOutcome s) {
            return new Instance(s.polled(), s.startupMs(), s.cycleStart().toEpochMilli(), s.run().cpuMs(),
                    s.summary());
        }

        static Instance running(JvmRun.Result r) {
            List<CycleLine> cycles = CycleLine.all(r.stderrText());
            int polled = cycles.stream().mapToInt(CycleLine::polled).sum();
            long start = cycles.isEmpty() ? -1 : cycles.get(0).endEpochMs() - cycles.get(0).durationMs();
            List<String> each = cycles.stream().filter(c -> c.polled() > 0).map(c -> c.polled() + " polled/"
                    + c.notModified() + " 304 in " + c.durationMs() + " ms").toList();
            return new Instance(polled, start < 0 ? -1 : start - r.startEpochMs(), start, r.cpuMs(),
                    "exit=" + r.exitCode() + " cpu_ms=" + r.cpuMs() + " rss_mb=" + r.rssHwmKb() / 1024 + " cycles: "
                            + String.join(", ", each));
        }
    }

    /**
     * K instances' work: {@code seconds} from the first feed request to the last note; {@code notes} and
     * {@code distinct} count the notes stored and distinct (account, source URL); {@code spanMs}: first process
     * start to last exit; CPU of the instances, their PostgreSQL backends and the benchmark JVM (farm and Evernote)
     * over the span.
     */
    private record Run(int instances, double seconds, List<Instance> each, int notes, int distinct, long spanMs,
                       long pgCpuMs, long benchCpuMs) {
        int duplicates() {
            return notes - distinct;
        }

        int polled() {
            return each.stream().mapToInt(Instance::polled).sum();
        }

        /** Latest first-cycle start minus earliest: how much later the last instance began polling. */
        long startSpreadMs() {
            long first = each.stream().mapToLong(Instance::cycleStartEpochMs).min().orElse(0);
            long last = each.stream().mapToLong(Instance::cycleStartEpochMs).max().orElse(0);
            return last - first;
        }

        /** CPU used over the span as a share of the machine's cores. */
        double cpuShare() {
            int cores = Runtime.getRuntime().availableProcessors();
            long service = each.stream().mapToLong(Instance::cpuMs).sum();
            return spanMs <= 0 ? Double.NaN : (service + pgCpuMs + benchCpuMs) / (double) (cores * spanMs);
        }

        String polledEach() {
            return String.join(" + ", each.stream().map(i -> Integer.toString(i.polled())).toList());
        }

        String startups() {
            return String.join(" / ", each.stream().map(i -> PollBench.sec(i.startupMs())).toList());
        }
    }

    void run() throws Exception {
        int m = o.integer("two-feeds");
        int latency = o.integer("two-latency");
        int conc = o.integer("two-concurrency");
        int perFeed = Math.max(1, o.integer("two-new"));
        int users = Math.max(1, Math.min(100, m / 10));
        boolean once = o.string("two-mode").equals("once");
        List<Integer> more = new ArrayList<>();
        for (String s : o.string("two-more").split("\\s*,\\s*")) {
            if (!s.isBlank()) {
                more.add(Integer.parseInt(s));
            }
        }
        int most = more.stream().mapToInt(Integer::intValue).max().orElse(2);
        PollBench.log(String.format(Locale.ROOT, "two: %d feeds, latency %d ms, %d new entries each,"
                        + " TH_FETCH_CONCURRENCY=%d per instance, %s; 1, 2 and %s instances", m, latency, perFeed, conc,
                once ? "run --once" : "run", more));
        try (FeedFarm farm = new FeedFarm(m, o.integer("items"), Duration.ofMillis(latency),
                Math.max(64, 4 * conc * Math.max(2, most)));
             FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 32)) {
            // Each trigger's first poll delivers the feed's newest perFeed items (a minute apart, the newest a minute
            // before the farm was made), so that every feed ends in notes.
            Instant dateTriggered = farm.created().minus(Duration.ofSeconds(perFeed * 60L + 30));
            int expected = m * perFeed;
            Run one = instances(1, once, m, users, conc, expected, farm, evernote, dateTriggered);
            Run two = instances(2, once, m, users, conc, expected, farm, evernote, dateTriggered);
            List<Run> others = new ArrayList<>();
            for (int k : more) {
                if (k > 2) {
                    others.add(instances(k, once, m, users, conc, expected, farm, evernote, dateTriggered));
                }
            }
            report(m, latency, conc, perFeed, users, once, one, two, others);
        }
    }

    private Run instances(int k, boolean once, int m, int users, int conc, int expected, FeedFarm farm,
                          FakeEvernote evernote, Instant dateTriggered) throws Exception {
        String prefix = "tok-scale" + k + "-";
        TestDatabase.Db db = BenchSeeder.seed(users, m, farm, m, dateTriggered, evernote, prefix);
        farm.resetCounters();
        long bench0 = benchCpuMs();
        long start = System.nanoTime();
        List<Instance> each = new ArrayList<>();
        double seconds;
        long pgMs;
        try (PgBackendCpu pg = new PgBackendCpu(PollBench.dbName(db));
             EvernoteMeter meter = new EvernoteMeter(evernote)) {
            List<JvmRun> runs = new ArrayList<>();
            for (int i = 1; i <= k; i++) {
                String label = "service-scale-" + k + "-" + i;
                if (once) {
                    runs.add(services.start(label, db, farm, evernote, conc, o.string("xmx"), Map.of(),
                            List.of("run", "--once")));
                } else {
                    Map<String, String> env = new HashMap<>();
                    env.put("TH_POLL_TICK", "1s"); // an instance that is done looks again within a second
                    env.put("TH_HTTP_PORT", Integer.toString(ServiceFixture.freePort()));
                    env.put("TH_MANAGEMENT_PORT", Integer.toString(ServiceFixture.freePort()));
                    runs.add(services.start(label, db, farm, evernote, conc, o.string("xmx"), env, List.of("run")));
                }
            }
            if (once) {
                for (JvmRun r : runs) {
                    each.add(Instance.once(ServiceOutcome.of(r.await(TIMEOUT))));
                }
            } else {
                // Until every note is there, or nothing moved (no feed request, no note) for a minute.
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                long progress = System.nanoTime();
                int seen = -1;
                while (meter.notes() < expected && System.nanoTime() < deadline
                        && System.nanoTime() - progress < Duration.ofMinutes(1).toNanos()
                        && runs.stream().anyMatch(JvmRun::alive)) {
                    int now = meter.notes() + farm.requests();
                    if (now != seen) {
                        seen = now;
                        progress = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(1000); // a duplicate would come late: give it a moment before stopping
                for (JvmRun r : runs) {
                    r.stopAsync();
                }
                for (JvmRun r : runs) {
                    each.add(Instance.running(r.stop(Duration.ofSeconds(60))));
                }
            }
            Thread.sleep(10); // the meter samples every 2 ms
            seconds = meter.secondsFrom(farm.firstRequestNanos());
            pgMs = pg.ticks() * 1000 / JvmRun.CLOCK_TICKS;
        }
        long spanMs = (System.nanoTime() - start) / 1_000_000;
        int stored = 0;
        int distinct = 0;
        for (int u = 0; u < users; u++) {
            Set<String> urls = new HashSet<>();
            for (FakeEvernote.StoredNote note : evernote.notes(prefix + u)) {
                stored++;
                urls.add(note.sourceUrl());
            }
            distinct += urls.size();
        }
        Run run = new Run(k, seconds, each, stored, distinct, spanMs, pgMs, benchCpuMs() - bench0);
        PollBench.log(String.format(Locale.ROOT, "two: %d instance(s): %.2f s first feed request → last note, %d notes"
                        + " (%d distinct), polled %s, start-up %s s, CPU %.0f %% of the cores; %s", k, seconds,
                stored, distinct, run.polledEach(), run.startups(), 100 * run.cpuShare(),
                String.join(" | ", each.stream().map(Instance::summary).toList())));
        return run;
    }

    /** CPU of this JVM (the farm and the fake Evernote serve from it). */
    private static long benchCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private void report(int m, int latency, int conc, int perFeed, int users, boolean once, Run one, Run two,
                        List<Run> others) {
        double bound = m * (latency / 1000.0) / conc;
        double speedUp = one.seconds / two.seconds;
        int expected = m * perFeed;
        table.section(String.format(Locale.ROOT, "two instances: %d feeds × %d new entries (%d users), %d ms per feed"
                        + " request, TH_FETCH_CONCURRENCY=%d each, Evernote latency 0; %s, all on one database;"
                        + " timed from the first feed request to the last note", m, perFeed, users, latency, conc,
                once ? "`run --once` each" : "running services (`run`, TH_POLL_TICK=1s)"));
        table.row("speed-up, two instances vs one (first request → last note)", BenchTable.ratio(speedUp), "", "",
                "≥ 1.7×", speedUp >= 1.7);
        table.info("  one / two instances, s (latency bound of one: " + BenchTable.num(bound, 1) + " s)",
                BenchTable.num(one.seconds, 2) + " / " + BenchTable.num(two.seconds, 2), "");
        boolean clean = two.duplicates() == 0 && two.distinct == expected && one.duplicates() == 0
                && one.distinct == expected;
        table.row("duplicates, one / two instances (notes with the same source URL)",
                one.duplicates() + " / " + two.duplicates(), "", "", "0, and " + expected + " notes", clean);
        table.info("  notes stored: one / two instances", one.notes + " / " + two.notes, "");
        table.info("  triggers polled: one / two instances (" + m + " triggers)", one.polledEach() + " / "
                + two.polledEach(), "");
        table.info("  start-up (process start → first cycle), s: one / two", one.startups() + " / "
                + two.startups(), "");
        table.info("  CPU used / available (instances + PostgreSQL + farm & Evernote)", cpu(one) + " / " + cpu(two),
                "");
        for (Run r : others) {
            double up = one.seconds / r.seconds;
            table.info(String.format(Locale.ROOT, "  %d instances: s / speed-up / latency bound, s / duplicates",
                            r.instances), BenchTable.num(r.seconds, 2) + " / " + BenchTable.ratio(up) + " / "
                            + BenchTable.num(bound / r.instances, 1) + " / " + r.duplicates(), "");
            table.info("    triggers polled; start-up, s; last instance's later start, s", r.polledEach() + "; "
                    + r.startups() + "; " + PollBench.sec(r.startSpreadMs()), "");
            table.info("    CPU used / available; PostgreSQL CPU, s", cpu(r) + "; " + PollBench.sec(r.pgCpuMs), "");
        }
        List<Run> all = concat(one, two, others);
        if (all.size() >= 3) {
            table.info("  what limits more instances", limit(all, m, latency, conc), "");
        }
        for (Run r : all) {
            if (r.duplicates() != 0 || r.distinct != expected || r.polled() != m) {
                notes.add(String.format(Locale.ROOT, "two: %d instance(s): %d notes, %d distinct of %d expected;"
                        + " %d polls of %d triggers", r.instances, r.notes, r.distinct, expected, r.polled(), m));
            }
        }
    }

    /**
     * From the runs: every instance pays its start-up, every feed its polling, whatever K, so the instances' CPU is
     * about K × start-up + M × per feed; a least-squares line through (K, CPU) gives both. With the PostgreSQL and
     * farm-and-Evernote CPU per feed, that is how many feeds a second the machine's cores can take at all, against
     * the K × C / latency feeds a second that K instances' fetch slots ask for.
     */
    private static String limit(List<Run> runs, int m, int latency, int conc) {
        double n = runs.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double pg = 0;
        double bench = 0;
        for (Run r : runs) {
            double y = r.each.stream().mapToLong(Instance::cpuMs).sum();
            sx += r.instances;
            sy += y;
            sxx += r.instances * (double) r.instances;
            sxy += r.instances * y;
            pg += r.pgCpuMs / (double) m / n;
            bench += r.benchCpuMs / (double) m / n;
        }
        double startup = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double perFeed = (sy - startup * sx) / n / m;
        int cores = Runtime.getRuntime().availableProcessors();
        double cpuBound = cores * 1000.0 / (perFeed + pg + bench);
        double slots = conc * 1000.0 / latency;
        return String.format(Locale.ROOT, "CPU: start-up %.1f s per instance; per feed %.1f ms service + %.1f ms"
                        + " PostgreSQL + %.1f ms the benchmark JVM (farm, Evernote, its monitors) → %d cores take ≤ %.0f feeds/s; K instances' fetch"
                        + " slots ask %.0f × K feeds/s (K = 2: %.0f, 3: %.0f, 4: %.0f)", startup / 1000, perFeed, pg,
                bench, cores, cpuBound, slots, 2 * slots, 3 * slots, 4 * slots);
    }

    private static List<Run> concat(Run one, Run two, List<Run> others) {
        List<Run> all = new ArrayList<>(List.of(one, two));
        all.addAll(others);
        return all;
    }

    private static String cpu(Run r) {
        return BenchTable.num(100 * r.cpuShare(), 0) + " %";
    }
}
