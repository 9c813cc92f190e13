package org.triggerhappy.camel.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the wall-clock time of one command goes, phase by phase: each {@link #end(String)} closes the phase that
 * began where the previous one ended. {@link #line()} gives them as {@code jvm_ms=… cli_ms=… … total_ms=…} for one
 * log line (read by bench/). The first phase, {@code jvm}, is the JVM's own start: from the process's creation to
 * {@link #mainStarted()}.
 */
public final class Phases {
    /** USER_HZ, the unit of /proc's times: 100 on every Linux the JDK runs on. */
    private static final long CLOCK_TICKS = 100;
    private static volatile long mainNanos = -1;

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long origin;
    private long last;

    private Phases(long origin) {
        this.origin = origin;
        this.last = origin;
    }

    /** Called first thing in the jar's main method. */
    public static void mainStarted() {
        mainNanos = System.nanoTime();
    }

    /**
     * From the start of main when the process was started through it (its JVM start then counted as {@code jvm}),
     * else from now (a command run inside another program: tests).
     */
    public static Phases sinceMain() {
        long main = mainNanos;
        return new Phases(main < 0 ? System.nanoTime() : main);
    }

    /** From now on (no {@code jvm} phase): for a runtime made on a database someone else opened. */
    public static Phases fromNow() {
        return new Phases(System.nanoTime());
    }

    /** Ends the running phase under {@code name} (a phase ended twice adds up) and starts the next. */
    public synchronized void end(String name) {
        long now = System.nanoTime();
        nanos.merge(name, now - last, Long::sum);
        last = now;
    }

    /** {@code jvm_ms=… name_ms=… … total_ms=…}: the phases so far, in the order they first ended. */
    public synchronized String line() {
        StringBuilder b = new StringBuilder();
        long jvm = jvmMillis();
        long total = (last - origin) / 1_000_000;
        if (jvm >= 0) {
            b.append("jvm_ms=").append(jvm).append(' ');
            total += jvm;
        }
        nanos.forEach((name, ns) -> b.append(name).append("_ms=").append(ns / 1_000_000).append(' '));
        return b.append("total_ms=").append(total).toString();
    }

    /** Process creation to main; -1 where unknown (outside Linux, or not started through main). */
    private long jvmMillis() {
        if (mainNanos < 0 || origin != mainNanos) {
            return -1;
        }
        long age = processAgeMillis();
        return age < 0 ? -1 : Math.max(0, age - (System.nanoTime() - mainNanos) / 1_000_000);
    }

    /**
     * How long ago this process was created, in 10 ms steps: its start and the time since boot, both in clock ticks
     * since boot (/proc/self/stat field 22, /proc/uptime). ProcessHandle's start instant is off by up to a second
     * (it adds the boot time, which Linux gives in whole seconds).
     */
    private static long processAgeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]);
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptime * 1000) - startTicks * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
