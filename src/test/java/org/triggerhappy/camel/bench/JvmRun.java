package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM started by the benchmark (the service or the floor): its output goes to files, its resident set's
 * high-water mark (VmHWM) and CPU time are read from /proc while it runs (every 20 ms, so the last few
 * milliseconds of CPU are missed), its GC log gives the peak heap.
 */
final class JvmRun {
    private static final Pattern CITIME = Pattern.compile("Total compilation time\\s*:\\s*([\\d.]+) s");
    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    static final long CLOCK_TICKS = 100;
    /** What one process did. */
    record Result(String label, int exitCode, long startEpochMs, long wallMs, long cpuMs, long postgresCpuMs, long rssHwmKb,
                  GcLog gc, Path stdout, Path stderr) {
        /** Seconds the JIT compilers spent ({@code -XX:+CITime}, printed at exit), NaN when absent. */
        double jitSeconds() {
            Matcher m = CITIME.matcher(stdoutText());
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }

        String stdoutText() {
            return read(stdout);
        }

        String stderrText() {
            return read(stderr);
        }

        private static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final String label;
    private final Path dir;
    private final Process process;
    private final long startNanos;
    private final long startEpochMs;
    private final Thread monitor;
    private volatile long rssHwmKb;
    private volatile long cpuTicks;
    private final long postgresTicksBefore;

    private JvmRun(String label, Path dir, List<String> command, Map<String, String> env) {
        this.label = label;
        this.dir = dir;
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(label + ".out").toFile())
                .redirectError(dir.resolve(label + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TH_"));
        pb.environment().putAll(env);
        this.postgresTicksBefore = postgresTicks();
        this.startNanos = System.nanoTime();
        this.startEpochMs = System.currentTimeMillis();
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label, e);
        }
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        this.monitor = new Thread(() -> {
            while (process.isAlive()) {
                readHwm(proc.resolve("status"));
                readCpu(proc.resolve("stat"));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-" + label);
        monitor.setDaemon(true);
        monitor.start();
    }

    /** Starts {@code java -Xmx… [jvmArgs] -cp classpath mainClass args} with {@code env} added to a TH_-free environment. */
    static JvmRun start(String label, Path dir, String xmx, List<String> jvmArgs, String classpath, String mainClass,
                        List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + xmx);
        cmd.add("-Xlog:gc,gc+heap+exit:file=" + dir.resolve(label + ".gc.log"));
        cmd.add("-XX:+CITime"); // prints the JIT's total compilation time at exit: a short-lived JVM pays it each run
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return new JvmRun(label, dir, cmd, env);
    }

    /** Asks the process to stop (SIGTERM) without waiting: several can then shut down at once. */
    void stopAsync() {
        process.destroy();
    }

    /** Asks the process to stop (SIGTERM: the service shuts down gracefully) and waits for it. */
    Result stop(Duration timeout) {
        process.destroy();
        return await(timeout);
    }

    /** CPU time (user + system) the running process used so far, in ms. */
    long cpuMsNow() {
        readCpu(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return cpuTicks * 1000 / CLOCK_TICKS;
    }

    boolean alive() {
        return process.isAlive();
    }

    Result await(Duration timeout) {
        try {
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long wall = (System.nanoTime() - startNanos) / 1_000_000;
            if (!done) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            monitor.join(1000);
            Thread.sleep(300); // the process's PostgreSQL backends end and are reaped by the postmaster
            long pg = (postgresTicks() - postgresTicksBefore) * 1000 / CLOCK_TICKS;
            return new Result(label, done ? process.exitValue() : -1, startEpochMs, wall, cpuTicks * 1000 / CLOCK_TICKS,
                    pg, rssHwmKb,
                    GcLog.read(dir.resolve(label + ".gc.log")), dir.resolve(label + ".out"), dir.resolve(label + ".err"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + label, e);
        }
    }

    long pid() {
        return process.pid();
    }

    String label() {
        return label;
    }

    /** What the process wrote to stderr so far (a running service's log). */
    String stderrSoFar() {
        return Result.read(dir.resolve(label + ".err"));
    }

    /** Bytes written to stderr so far: a cheap check before reading it again. */
    long stderrSize() {
        try {
            return Files.size(dir.resolve(label + ".err"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Its GC log so far. */
    Path gcLog() {
        return dir.resolve(label + ".gc.log");
    }

    /** utime + stime of the process (fields 14 and 15 of /proc/PID/stat), in clock ticks. */
    private void readCpu(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            cpuTicks = Math.max(cpuTicks, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            // the process just ended: keep the last reading
        }
    }

    /**
     * CPU of every local process named postgres, the reaped children's included (cutime/cstime of the postmaster):
     * so backends that ended during the run count. The server is shared with anything else using it meanwhile.
     */
    static long postgresTicks() {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String s = Files.readString(p.resolve("stat"));
                    if (!s.contains("(postgres)")) {
                        continue;
                    }
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    private void readHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    rssHwmKb = Math.max(rssHwmKb, kb);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended: keep the last reading
        }
    }
}
