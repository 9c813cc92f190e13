package org.triggerhappy.camel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.testsupport.CliProcess;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * What a single run builds: the built-in route files are named (no scan of the classpath), each camel.* key is set
 * in one place, and {@code run --once} builds only the routes that start with the context — not the timer, not the
 * status page, not a flow turned off — with a flow turned on through the environment, as an operator does it, still
 * there. Its log ends with the phase timings.
 */
class SingleRunRoutesTest {
    @TempDir
    Path dir;

    @Test
    void every_route_file_is_named() throws Exception {
        Path routes = Path.of(ServiceRuntime.class.getResource("/routes").toURI());
        List<String> named = Arrays.stream(applicationProperties().getProperty("camel.main.routes-include-pattern")
                .split(",")).map(String::strip).toList();
        try (Stream<Path> files = Files.list(routes)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> "classpath:routes/" + n)).containsExactlyInAnyOrderElementsOf(named);
        }
    }

    @Test
    void each_camel_key_is_set_once_in_application_properties_or_by_the_runtime() throws Exception {
        Settings settings = Settings.load(ConfigSource.of(Map.of()));
        Set<String> inFile = applicationProperties().stringPropertyNames();
        for (boolean serve : new boolean[] {true, false}) {
            assertThat(CamelProperties.of(settings, new Sizing(settings), serve).keySet())
                    .as("keys set by the runtime (serve=%s) and in application.properties", serve)
                    .doesNotContainAnyElementsOf(inFile);
        }
    }

    private static Properties applicationProperties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = ServiceRuntime.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void run_once_builds_only_the_routes_that_start() throws Exception {
        try (ServiceFixture f = new ServiceFixture(dir.resolve("data"), false)) {
            String log = runOnceVerbose(f, Map.of("TH_FLOW_WEBHOOK_ENABLED", "true"));
            List<String> started = new ArrayList<>();
            for (String line : log.split("\n")) {
                int at = line.indexOf(" Started ");
                if (at >= 0 && line.contains("AbstractCamelContext")) {
                    started.add(line.substring(at + 9).split(" ")[0]);
                }
            }
            assertThat(started).containsExactlyInAnyOrder("poll-cycle", "poll-trigger", "evernote", "redeliver-sweep", "deliver",
                    "ledger-prune", "heartbeat", "flow-webhook");
            assertThat(log).contains("Routes startup (total:8)").doesNotContain("Disabled ")
                    .doesNotContain("Quartz").containsPattern("run --once phases jvm_ms=\\d+ cli_ms=\\d+ .*db_ms=\\d+"
                            + " flyway_ms=\\d+ .*camel_ms=\\d+ routes_ms=\\d+ cycle_ms=\\d+ stop_ms=\\d+ close_ms=\\d+"
                            + " total_ms=\\d+");
        }
    }

    /** {@code run --once --verbose} as its own process; its log (standard error). */
    private String runOnceVerbose(ServiceFixture f, Map<String, String> env) throws Exception {
        Map<String, String> all = f.processEnv(f.settings().dataDir());
        all.put("TH_SINK", "enex");
        all.putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = CliProcess.of(List.of("run", "--once", "--verbose"), all).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run --once finished").isTrue();
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).startsWith("run --once: 0 triggers polled");
        return log;
    }
}
