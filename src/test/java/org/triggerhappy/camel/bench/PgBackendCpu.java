package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU of the PostgreSQL backends serving one database, sampled from {@code /proc} every 100 ms (a backend that ends
 * keeps its last reading): unlike {@link JvmRun#postgresTicks()}, not the work of other users of a shared server.
 * A backend's process title names its database ({@code postgres: 15/main: USER DATABASE HOST(PORT) STATE}). The
 * server's shared processes (WAL writer, checkpointer) are left out.
 */
final class PgBackendCpu implements AutoCloseable {
    private final String marker;
    private final Map<String, Long> ticks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    PgBackendCpu(String database) {
        this.marker = " " + database + " ";
        this.thread = new Thread(this::watch, "pg-backend-cpu");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    String title = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (!title.contains(marker)) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // pid and start time: a pid used again later is another backend
                    ticks.merge(name + "@" + f[19], Long.parseLong(f[11]) + Long.parseLong(f[12]), Math::max);
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile: its last reading stays
                }
            }
        } catch (IOException e) {
            // no /proc: nothing counted
        }
    }

    /** Clock ticks ({@link JvmRun#CLOCK_TICKS} a second) the database's backends used so far. */
    long ticks() {
        sample();
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
