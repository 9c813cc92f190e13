package org.triggerhappy.camel.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.testsupport.ServiceFixture;

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
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                "org.triggerhappy.camel.cli.TriggerHappyCli", "run"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TH_"));
        pb.environment().putAll(env);
        return new ServiceProcess(pb.start(), log);
    }

    /** The environment that points a service process at the fixture's database, Evernote and feeds. */
    static Map<String, String> envFor(ServiceFixture f, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("TH_DB_URL", f.db.url());
        env.put("TH_DB_USER", f.db.user());
        env.put("TH_DB_PASSWORD", f.db.password());
        env.put("TH_DATA_DIR", dataDir.toString());
        env.put("TH_EVERNOTE_URL", f.evernote.baseUrl());
        env.put("TH_EVERNOTE_TIMEOUT", "5s");
        env.put("TH_ALLOW_PRIVATE_NETWORKS", f.feeds.hostPort());
        env.put("TH_FETCH_TIMEOUT", "5s");
        env.put("TH_POLL_INTERVAL", "1s");
        // Fixture feeds link to example.org: no page or image fetch may leave loopback.
        env.put("TH_FULL_CONTENT", "never");
        env.put("TH_IMAGES", "link");
        return env;
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
