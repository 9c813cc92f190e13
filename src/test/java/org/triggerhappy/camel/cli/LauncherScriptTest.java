package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dist/triggerhappy-camel, the launcher, on a jar whose main class is {@link LauncherProbe}: the first short run
 * writes the AppCDS archive, later ones map it, a new jar gets a new one, and the service, agents and flight
 * recordings get none; arguments, output and exit code pass through untouched.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir"), "dist", "triggerhappy-camel");

    @TempDir
    Path dir;
    Path jar;
    Path data;

    private record Run(int exit, List<String> out, String err) {
        String jvm() {
            return out.stream().filter(l -> l.startsWith("jvm=")).findFirst().orElse("");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        jar = dir.resolve("triggerhappy-camel.jar");
        data = dir.resolve("data");
        writeJar(jar, 0);
    }

    /** A jar holding the probe; {@code padding} bytes of an extra entry make it another jar. */
    private static void writeJar(Path jar, int padding) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String name = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m)) {
            out.putNextEntry(new JarEntry(name));
            try (var in = LauncherProbe.class.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(out);
            }
            out.closeEntry();
            if (padding > 0) {
                out.putNextEntry(new JarEntry("padding.bin"));
                out.write(new byte[padding]);
                out.closeEntry();
            }
        }
    }

    private Run run(String javaOpts, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TH_") || k.equals("JAVA_OPTS"));
        pb.environment().put("TH_JAR", jar.toString());
        pb.environment().put("TH_DATA_DIR", data.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(data)) {
            return files.sorted().toList();
        }
    }

    @Test
    void the_first_short_run_writes_the_archive_and_later_runs_map_their_classes_from_it() throws Exception {
        Path classLog = dir.resolve("classes.log");
        String opts = "-Xmx64m -Xlog:class+load=info:file=" + classLog;

        Run first = run(opts, Map.of(), "run", "--once", "a b");
        assertThat(first.exit()).as(first.err()).isZero();
        // Nothing but the program's own output: no warnings about the archive on standard output.
        assertThat(first.out()).hasSize(2);
        assertThat(first.out().get(0)).isEqualTo("args=run --once a b");
        assertThat(first.jvm()).contains("-XX:ArchiveClassesAtExit=").doesNotContain("-XX:SharedArchiveFile");
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).getFileName().toString()).matches("triggerhappy-camel-\\d+\\.jsa");

        Run second = run(opts, Map.of(), "users", "list");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).hasSize(2).first().isEqualTo("args=users list");
        assertThat(second.jvm()).contains("-XX:SharedArchiveFile=" + made.get(0)).doesNotContain("ArchiveClassesAtExit");
        assertThat(Files.readString(classLog)).contains(LauncherProbe.class.getName() + " source: shared objects file (top)");
        assertThat(archives()).isEqualTo(made);
    }

    @Test
    void exit_codes_pass_through_and_a_new_jar_gets_a_new_archive_in_place_of_the_old_one() throws Exception {
        assertThat(run(null, Map.of(), "check", "exit", "3").exit()).isEqualTo(3);
        List<Path> before = archives();
        assertThat(before).hasSize(1);
        assertThat(run(null, Map.of(), "check", "exit", "2").exit()).isEqualTo(2); // with the archive
        assertThat(run(null, Map.of(), "check").jvm()).contains("-XX:SharedArchiveFile=" + before.get(0));

        writeJar(jar, 4096); // an upgrade
        Run upgraded = run(null, Map.of(), "check");
        assertThat(upgraded.exit()).isZero();
        assertThat(upgraded.jvm()).contains("-XX:ArchiveClassesAtExit=");
        List<Path> after = archives();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(run(null, Map.of(), "check").jvm()).contains("-XX:SharedArchiveFile=" + after.get(0));
    }

    @Test
    void the_service_an_agent_or_a_flight_recording_and_cds_off_get_no_archive() throws Exception {
        Map<String, Run> runs = new HashMap<>();
        runs.put("run", run(null, Map.of(), "run"));
        runs.put("flight recording", run("-XX:StartFlightRecording=filename=" + dir.resolve("r.jfr"), Map.of(),
                "run", "--once"));
        runs.put("TH_CDS_DIR=off", run(null, Map.of("TH_CDS_DIR", "off"), "run", "--once"));
        runs.forEach((what, r) -> {
            assertThat(r.exit()).as(what + ": " + r.err()).isZero();
            assertThat(r.jvm()).as(what).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        });
        assertThat(archives()).isEmpty();
    }
}
