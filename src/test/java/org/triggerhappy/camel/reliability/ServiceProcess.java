package org.triggerhappy.camel.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.testsupport.CliProcess;

/** The service as a separate JVM ({@code TriggerHappyCli run}) on this test's classpath, its log in a file. */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code run} with exactly the given TH_* environment (inherited TH_* variables are dropped). */
    static ServiceProcess start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = CliProcess.of(List.of("run"), env).redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServiceProcess(pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no finally block, sockets closed by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Camel's graceful shutdown. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** The last lines of the process's output, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
