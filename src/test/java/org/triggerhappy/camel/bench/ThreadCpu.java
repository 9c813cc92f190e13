package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of a process's threads, grouped by name (digits folded: {@code th-page-3} and {@code th-page-7} are
 * {@code th-page-N}), from {@code /proc/PID/task/TID/stat}: which work, the JIT compiler and the garbage
 * collector included, a batch's CPU went to. Threads that ended between two readings are missing from both.
 */
final class ThreadCpu {
    private final Map<String, Long> ticksByTid;
    private final Map<String, String> groupByTid;

    private ThreadCpu(Map<String, Long> ticks, Map<String, String> groups) {
        this.ticksByTid = ticks;
        this.groupByTid = groups;
    }

    static ThreadCpu read(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String s = Files.readString(t.resolve("stat"));
                    String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    String tid = t.getFileName().toString();
                    ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    groups.put(tid, name.replaceAll("\\d+", "N"));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return new ThreadCpu(ticks, groups);
    }

    /** Milliseconds of CPU per thread group between {@code earlier} and this reading. */
    Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> ms = new HashMap<>();
        ticksByTid.forEach((tid, t) -> {
            long before = earlier.ticksByTid.getOrDefault(tid, 0L);
            ms.merge(groupByTid.get(tid), (t - before) * 1000.0 / JvmRun.CLOCK_TICKS, Double::sum);
        });
        return ms;
    }

    /** "group ms/unit, …" for the groups above 1 % of the total, largest first. */
    static String summary(Map<String, Double> ms, int units) {
        double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
        return ms.entrySet().stream().filter(e -> e.getValue() > total / 100)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / units))
                .collect(Collectors.joining(", "));
    }
}
