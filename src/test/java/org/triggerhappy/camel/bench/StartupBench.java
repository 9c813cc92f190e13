package org.triggerhappy.camel.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The startup scenario's figures: {@code run --once} with nothing due against the start-up floor ({@link DbFloor}),
 * medians of several runs, and the service's own phase timings ({@code run --once phases jvm_ms=… …}, logged by
 * service/Phases) with and without the AppCDS archive.
 */
final class StartupBench {
    /** The service's phases in order, with what each one covers. */
    static final Map<String, String> PHASES = phaseNames();
    private static final Pattern PHASE_LINE = Pattern.compile("run --once phases (.*)");
    private static final Pattern PHASE = Pattern.compile("(\\w+)_ms=(\\d+)");

    private StartupBench() {
    }

    private static Map<String, String> phaseNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jvm", "JVM start (process creation → main)");
        m.put("cli", "command line, logging set-up");
        m.put("settings", "settings");
        m.put("db", "connection pool, first connection");
        m.put("flyway", "schema check / migrations");
        m.put("wiring", "the service's beans");
        m.put("camel", "Camel context, route files");
        m.put("routes", "Camel start, routes started");
        m.put("cycle", "poll cycle and deliveries");
        m.put("stop", "Camel stop");
        m.put("close", "threads and connection pool closed");
        return m;
    }

    /** The phases of the last {@code run --once phases} line of a service's log; empty without one. */
    static Map<String, Long> phases(String log) {
        Map<String, Long> m = new LinkedHashMap<>();
        String last = null;
        for (String line : log.split("\n")) {
            Matcher l = PHASE_LINE.matcher(line);
            if (l.find()) {
                last = l.group(1);
            }
        }
        if (last != null) {
            Matcher p = PHASE.matcher(last);
            while (p.find()) {
                m.put(p.group(1), Long.parseLong(p.group(2)));
            }
        }
        return m;
    }

    /** The floor's classpath: the benchmark's test classes and the PostgreSQL driver, nothing else. */
    static String floorClasspath(String benchCp) {
        List<String> keep = new ArrayList<>();
        for (String e : benchCp.split(File.pathSeparator)) {
            String name = new File(e).getName();
            if (e.endsWith("test-classes") || (name.startsWith("postgresql-") && name.endsWith(".jar"))) {
                keep.add(e);
            }
        }
        return keep.size() == 2 ? String.join(File.pathSeparator, keep) : benchCp;
    }

    static <T> long median(List<T> runs, ToLongFunction<T> figure) {
        long[] v = runs.stream().mapToLong(figure).filter(x -> x >= 0).sorted().toArray();
        if (v.length == 0) {
            return -1;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Adds the scenario's rows to the table. */
    static void report(BenchTable table, List<String> notes, int runs, String xmx, List<JvmRun.Result> floors,
                       List<PollBench.ServiceOutcome> services, List<PollBench.ServiceOutcome> plain) {
        boolean cds = !plain.isEmpty();
        table.section(String.format(Locale.ROOT, "startup: run --once with nothing due (a migrated database without"
                + " triggers) vs a bare JVM that connects to it and runs select 1; -Xmx%s, median of %d runs%s", xmx,
                runs, cds ? ", service with its AppCDS archive" : ""));
        long floorWall = median(floors, JvmRun.Result::wallMs);
        long wall = median(services, s -> s.run().wallMs());
        double r = ratio(wall, floorWall);
        table.row("run --once, nothing due: process wall time, s", sec(wall), sec(floorWall), BenchTable.ratio(r),
                "≤ 2× floor", r <= 2.0);
        if (cds) {
            long plainWall = median(plain, s -> s.run().wallMs());
            table.row("  without the AppCDS archive, s", sec(plainWall), sec(floorWall),
                    BenchTable.ratio(ratio(plainWall, floorWall)), "", null);
        }
        long floorCpu = median(floors, JvmRun.Result::cpuMs);
        long cpu = median(services, s -> s.run().cpuMs());
        table.row("  process CPU time, s", sec(cpu) + (cds ? " / " + sec(median(plain, s -> s.run().cpuMs())) : ""),
                sec(floorCpu), BenchTable.ratio(ratio(cpu, floorCpu)), "", null);
        table.info("  RSS high-water mark, MB", mb(median(services, s -> s.run().rssHwmKb()))
                + (cds ? " / " + mb(median(plain, s -> s.run().rssHwmKb())) : ""), mb(median(floors, JvmRun.Result::rssHwmKb)));
        table.info("  phases, ms" + (cds ? " (with / without AppCDS)" : ""), "", "");
        for (Map.Entry<String, String> p : PHASES.entrySet()) {
            String name = p.getKey();
            table.info("    " + name + ": " + p.getValue(), phase(services, name)
                    + (cds ? " / " + phase(plain, name) : ""), "");
        }
        table.info("    after the last phase: JVM exit", afterPhases(services) + (cds ? " / " + afterPhases(plain) : ""), "");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            all.add(sec(services.get(i).run().wallMs()) + (cds ? "|" + sec(plain.get(i).run().wallMs()) : "")
                    + "/" + sec(floors.get(i).wallMs()));
        }
        notes.add("startup: every run, wall s (service" + (cds ? "|without AppCDS" : "") + "/floor): "
                + String.join(", ", all));
    }

    private static String phase(List<PollBench.ServiceOutcome> runs, String name) {
        long m = median(runs, s -> s.phases().getOrDefault(name, -1L));
        return m < 0 ? "n/a" : Long.toString(m);
    }

    /** Process wall time not covered by the phases: the JVM's exit after the last log line, and process spawning. */
    private static String afterPhases(List<PollBench.ServiceOutcome> runs) {
        long m = median(runs, s -> s.phases().containsKey("total") ? s.run().wallMs() - s.phases().get("total") : -1);
        return m < 0 ? "n/a" : Long.toString(m);
    }

    private static double ratio(long a, long b) {
        return a < 0 || b <= 0 ? Double.NaN : a / (double) b;
    }

    private static String sec(long ms) {
        return ms < 0 ? "n/a" : BenchTable.num(ms / 1000.0, 2);
    }

    private static String mb(long kb) {
        return kb <= 0 ? "n/a" : Long.toString(kb / 1024);
    }
}
