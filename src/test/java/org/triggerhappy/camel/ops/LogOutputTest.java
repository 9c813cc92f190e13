package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.CliProcess;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * {@code run --once} as its own process, the way cron runs it: quiet by default (its summary, the cycle line, no
 * Camel start/stop lines), everything with --verbose, one JSON object per line with TH_LOG_FORMAT=json.
 */
class LogOutputTest {
    @TempDir
    Path dir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dir.resolve("data"), true);
        int alice = f.admin.addUser("alice", "a@example.org");
        f.admin.addTrigger(alice, "Alice", f.feeds.put("/alice", Rss.feed()
                .item("a1", "One", "http://example.org/1", Instant.now().minus(1, ChronoUnit.HOURS), "<p>1</p>")
                .xml()), "", "", LocalDate.now().minusDays(1));
        f.feeds.put("/broken", "unused");
        f.feeds.fail("/broken", 500);
        f.admin.addTrigger(alice, "Broken", f.feeds.url("/broken"), "", "", LocalDate.now().minusDays(1));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private record Run(int exit, String out, List<String> err) {
    }

    private Run once(String format, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--once"));
        args.addAll(List.of(extra));
        Map<String, String> env = f.processEnv(f.settings().dataDir());
        env.put("TH_SINK", "enex");
        if (format != null) {
            env.put("TH_LOG_FORMAT", format);
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = CliProcess.of(args, env).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run --once finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void quiet_by_default_everything_with_verbose_and_json_lines_on_request() throws Exception {
        Run quiet = once(null);
        assertThat(quiet.exit()).as(String.join("\n", quiet.err())).isZero();
        assertThat(quiet.out()).startsWith("run --once: 2 triggers polled, 1 feed failures");
        String q = String.join("\n", quiet.err());
        assertThat(q).contains("poll cycle done").contains("feed failed")
                .doesNotContain("org.apache.camel").doesNotContain("Apache Camel").doesNotContain("feed polled");
        assertThat(quiet.err().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*");

        Run verbose = once(null, "--verbose");
        String v = String.join("\n", verbose.err());
        // Per-trigger DEBUG lines too: here "not modified", the feed's second poll.
        assertThat(v).contains("Apache Camel").contains("DEBUG").contains("feed not modified trigger_id=")
                .contains("poll cycle done");

        Run json = once("json");
        assertThat(json.exit()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode cycle = null;
        for (String line : json.err()) {
            JsonNode j = mapper.readTree(line);
            assertThat(j.isObject()).as(line).isTrue();
            assertThat(j.has("time") && j.has("level") && j.has("logger") && j.has("message")).as(line).isTrue();
            if (j.get("message").asText().startsWith("poll cycle done")) {
                cycle = j;
            }
        }
        assertThat(cycle).isNotNull();
        assertThat(cycle.get("triggers_polled").asLong()).isEqualTo(2); // run --once polls every trigger
        assertThat(cycle.get("failures").asLong()).isEqualTo(1);
        assertThat(cycle.get("level").asText()).isEqualTo("INFO");
    }
}
