package org.triggerhappy.camel.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * The daemon scenario: one service started with {@code run}, as in production, polls N triggers again and again.
 * Its steady cycles (every feed answers 304) are compared with the floor's steady passes in one warm JVM
 * ({@link FloorBench} {@code rounds}: a cold pass, then steady passes), so that both have their JIT behind them.
 * Memory: what a service holding N triggers keeps after some cycles — the heap after a full GC asked for at the
 * end ({@code jcmd GC.run}) and the process's RSS high-water mark.
 */
final class DaemonBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final Pattern FLOOR_PASS = Pattern.compile("FLOOR mode=(\\w+) .*failed=(\\d+) .*loop_ms=(\\d+)");

    private final BenchOptions o;
    private final Path out;
    private final String benchCp;
    private final List<String> jvmArgs;
    private final ServiceStarter services;
    private final BenchTable table;
    private final List<String> notes;

    DaemonBench(BenchOptions o, Path out, String benchCp, List<String> jvmArgs, ServiceStarter services,
                BenchTable table, List<String> notes) {
        this.o = o;
        this.out = out;
        this.benchCp = benchCp;
        this.jvmArgs = jvmArgs;
        this.services = services;
        this.table = table;
        this.notes = notes;
    }

    /** A running service's cycles as its log showed them, with its CPU and its backends' CPU when each was seen. */
    private record Seen(CycleLine line, long serviceCpuMs, long pgTicks) {
    }

    void run(FeedFarm farm) throws Exception {
        int n = farm.feeds();
        int conc = o.integer("concurrency");
        int rounds = Math.max(1, o.integer("daemon-cycles"));
        String xmx = o.string("xmx");
        PollBench.warmUp(farm, 2_000);
        PollBench.log(String.format(Locale.ROOT, "daemon: floor, a cold and %d steady passes over %d feeds in one JVM",
                rounds, n));
        JvmRun.Result floorRun = JvmRun.start("floor-daemon", out, xmx, jvmArgs, benchCp, FloorBench.class.getName(),
                List.of("rounds", farm.baseUrl(), Integer.toString(n), Integer.toString(conc),
                        out.resolve("floor-validators-daemon.tsv").toString(), Integer.toString(rounds)), Map.of())
                .await(TIMEOUT);
        long floorCold = -1;
        List<Long> floorSteady = new ArrayList<>();
        Matcher fm = FLOOR_PASS.matcher(floorRun.stdoutText());
        while (fm.find()) {
            long ms = Integer.parseInt(fm.group(2)) == 0 ? Long.parseLong(fm.group(3)) : -1;
            if (fm.group(1).equals("cold")) {
                floorCold = ms;
            } else {
                floorSteady.add(ms);
            }
        }
        PollBench.log("floor-daemon: cold_ms=" + floorCold + " steady_ms=" + floorSteady + " cpu_ms=" + floorRun.cpuMs());

        // Each tick must find every trigger due again (interval 1 s): longer than a steady cycle.
        long tickSeconds = Math.max(10, n / 500);
        List<Seen> seen = new ArrayList<>();
        JvmRun.Result result;
        double liveAfterFullGc;
        try (FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 16)) {
            // Nothing in the farm is newer than the triggers' last run: the cycles poll, nothing is delivered.
            TestDatabase.Db db = BenchSeeder.seed(o.integer("users"), n, farm, n, Instant.now(), evernote,
                    "tok-daemon-");
            Map<String, String> env = Map.of("TH_POLL_INTERVAL", "1s", "TH_POLL_TICK", tickSeconds + "s",
                    "TH_HTTP_PORT", Integer.toString(ServiceFixture.freePort()),
                    "TH_MANAGEMENT_PORT", Integer.toString(ServiceFixture.freePort()));
            PollBench.log(String.format(Locale.ROOT, "daemon: `run` over %d triggers, TH_POLL_TICK=%ds, until %d"
                    + " steady cycles", n, tickSeconds, rounds));
            try (PgBackendCpu pg = new PgBackendCpu(PollBench.dbName(db))) {
                JvmRun run = services.start("service-daemon", db, farm, evernote, conc, xmx, env, List.of("run"));
                try {
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    long logSize = 0;
                    while (run.alive() && System.nanoTime() < deadline && steadyCycles(seen, n) < rounds) {
                        if (run.stderrSize() != logSize) {
                            logSize = run.stderrSize();
                            String log = run.stderrSoFar();
                            // whole lines only: the last one may still be being written
                            List<CycleLine> lines = CycleLine.all(log.substring(0, log.lastIndexOf('\n') + 1));
                            for (int i = seen.size(); i < lines.size(); i++) {
                                seen.add(new Seen(lines.get(i), run.cpuMsNow(), pg.ticks()));
                                PollBench.log("service-daemon: " + lines.get(i));
                            }
                        }
                        Thread.sleep(100);
                    }
                    liveAfterFullGc = run.alive() ? fullGc(run) : Double.NaN;
                } finally {
                    result = run.stop(Duration.ofSeconds(60));
                }
            }
        }
        PollBench.log("service-daemon: stopped exit=" + result.exitCode() + " wall_ms=" + result.wallMs() + " cpu_ms="
                + result.cpuMs() + " peak_heap_mb=" + Math.round(result.gc().peakMb()) + " rss_mb="
                + result.rssHwmKb() / 1024);
        report(n, conc, xmx, tickSeconds, rounds, seen, result, liveAfterFullGc, floorRun, floorCold, floorSteady);
    }

    /** Steady cycles seen after the first (cold) one. */
    private static int steadyCycles(List<Seen> seen, int n) {
        return (int) seen.stream().filter(s -> s.line.cycle() > 1 && s.line.steady(n)).count();
    }

    /** Asks the service for a full collection and reads the heap it left from the GC log. */
    private double fullGc(JvmRun run) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(run.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(out.resolve(run.label() + ".jcmd.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Double.NaN;
        }
        Thread.sleep(500); // the GC log line is written after the pause
        return GcLog.afterLastFullGcMb(run.gcLog());
    }

    private void report(int n, int conc, String xmx, long tickSeconds, int rounds, List<Seen> seen,
                        JvmRun.Result result, double liveAfterFullGc, JvmRun.Result floorRun, long floorCold,
                        List<Long> floorSteady) {
        List<Long> steady = new ArrayList<>();
        List<String> cpu = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            Seen s = seen.get(i);
            if (s.line.cycle() > 1 && s.line.steady(n)) {
                steady.add(s.line.durationMs());
                Seen before = seen.get(i - 1);
                cpu.add(PollBench.sec(s.serviceCpuMs - before.serviceCpuMs) + " / "
                        + PollBench.sec((s.pgTicks - before.pgTicks) * 1000 / JvmRun.CLOCK_TICKS));
            }
        }
        long best = steady.stream().mapToLong(Long::longValue).min().orElse(-1);
        long floorBest = floorSteady.stream().filter(v -> v >= 0).mapToLong(Long::longValue).min().orElse(-1);
        double ratio = best < 0 || floorBest <= 0 ? Double.NaN : best / (double) floorBest;
        CycleLine cold = seen.isEmpty() ? null : seen.get(0).line;
        table.section(String.format(Locale.ROOT, "daemon: one running service (`run`, TH_POLL_INTERVAL=1s,"
                        + " TH_POLL_TICK=%ds) polling %d triggers (%d users) on the main farm, TH_FETCH_CONCURRENCY=%d ="
                        + " floor threads, -Xmx%s; floor: one JVM, a cold pass then %d steady passes", tickSeconds, n,
                o.integer("users"), conc, xmx, rounds));
        table.row("steady cycle, s (running service, best of " + steady.size() + ")", PollBench.sec(best),
                PollBench.sec(floorBest), BenchTable.ratio(ratio), "≤ 1.25× floor", ratio <= 1.25);
        table.info("  steady cycles, s (every one; floor: every pass)", join(steady), join(floorSteady));
        table.info("  cold cycle (first poll, fresh JVM), s", cold == null ? "n/a" : PollBench.sec(cold.durationMs()),
                PollBench.sec(floorCold));
        table.info("  CPU per steady cycle, s: service / its PostgreSQL backends (tick to tick)",
                cpu.isEmpty() ? "n/a" : String.join(", ", cpu), "");
        // 143: the JVM's exit status after SIGTERM, once its shutdown hooks (the service's graceful stop) ran
        boolean complete = (result.exitCode() == 0 || result.exitCode() == 143) && steady.size() >= rounds
                && !result.stderrText().contains("OutOfMemoryError");
        table.row(String.format(Locale.ROOT, "%d triggers in -Xmx%s (running service: every cycle, no OOM)", n, xmx),
                complete ? "yes" : "NO", "", "", "every cycle completes", complete);
        table.info("  heap after a full GC at the end (jcmd GC.run), MB", BenchTable.num(liveAfterFullGc, 0), "");
        table.info("  max heap after any GC / peak heap, MB", BenchTable.num(result.gc().maxLiveMb(), 0) + " / "
                + BenchTable.num(result.gc().peakMb(), 0), BenchTable.num(floorRun.gc().maxLiveMb(), 0) + " / "
                + BenchTable.num(floorRun.gc().peakMb(), 0));
        table.info("  RSS high-water mark, MB", BenchTable.num(result.rssHwmKb() / 1024.0, 0),
                BenchTable.num(floorRun.rssHwmKb() / 1024.0, 0));
        table.info("  GC pauses (full), whole run", result.gc().pauses() + " (" + result.gc().fullGcs() + ")",
                floorRun.gc().pauses() + " (" + floorRun.gc().fullGcs() + ")");
        List<String> all = new ArrayList<>();
        seen.forEach(s -> all.add(String.format(Locale.ROOT, "#%d %d polled/%d 304/%d failed %s s", s.line.cycle(),
                s.line.polled(), s.line.notModified(), s.line.failures(), PollBench.sec(s.line.durationMs()))));
        notes.add("daemon: every cycle the service logged: " + String.join(", ", all));
        if (!complete) {
            notes.add("daemon: exit " + result.exitCode() + ", " + steady.size() + " of " + rounds
                    + " steady cycles seen (see service-daemon.err)");
        }
    }

    private static String join(List<Long> ms) {
        List<String> s = new ArrayList<>();
        ms.forEach(v -> s.add(PollBench.sec(v)));
        return s.isEmpty() ? "n/a" : String.join(" / ", s);
    }
}
