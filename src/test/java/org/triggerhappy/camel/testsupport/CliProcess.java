package org.triggerhappy.camel.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The jar's command line ({@code TriggerHappyCli}) as a JVM of its own on the test classpath. */
public final class CliProcess {
    private CliProcess() {
    }

    /**
     * A process builder for {@code TriggerHappyCli args…} with exactly the given TH_* environment: inherited TH_*
     * variables are dropped, so the developer's own settings never reach a test. Small heap and C1 only, as a
     * short-lived service would run.
     */
    public static ProcessBuilder of(List<String> args, Map<String, String> env) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                "org.triggerhappy.camel.cli.TriggerHappyCli"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("TH_"));
        pb.environment().putAll(env);
        return pb;
    }
}
