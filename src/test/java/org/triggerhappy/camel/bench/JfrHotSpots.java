package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates the CPU samples (jdk.ExecutionSample) of a JFR recording: hottest leaf methods (self), hottest methods
 * anywhere on the stack (inclusive), the deepest project method on each stack (where the service's own work goes),
 * the leaf's library, and the sampled threads.
 */
final class JfrHotSpots {
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> project = new HashMap<>();
    private final Map<String, Integer> library = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private int samples;

    /** The samples taken between {@code from} and {@code to} (null: no bound). */
    static JfrHotSpots read(Path jfr, Instant from, Instant to) throws IOException {
        JfrHotSpots h = new JfrHotSpots();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null
                        && (from == null || !e.getStartTime().isBefore(from))
                        && (to == null || !e.getStartTime().isAfter(to))) {
                    h.add(e);
                }
            }
        }
        return h;
    }

    private void add(RecordedEvent e) {
        RecordedStackTrace st = e.getStackTrace();
        List<RecordedFrame> frames = st.getFrames();
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        self.merge(name(frames.get(0)), 1, Integer::sum);
        library.merge(library(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String deepestProject = null;
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (!plumbing(type(f)) && seen.add(n)) {
                inclusive.merge(n, 1, Integer::sum);
            }
            if (deepestProject == null && type(f).startsWith("org.triggerhappy.camel.")) {
                deepestProject = n;
            }
        }
        project.merge(deepestProject == null ? "(no project frame: Camel, JDK, pool threads)" : deepestProject, 1,
                Integer::sum);
        Object thread = e.getThread("sampledThread") == null ? null : e.getThread("sampledThread").getJavaName();
        threads.merge(threadGroup(String.valueOf(thread)), 1, Integer::sum);
    }

    /** Frames every sample passes through (thread pools, Camel's engine, reflection): left out of the inclusive table. */
    private static boolean plumbing(String type) {
        return type.startsWith("java.util.concurrent.") || type.equals("java.lang.Thread")
                || type.startsWith("org.apache.camel.") || type.contains("$$Lambda$")
                || type.startsWith("java.lang.reflect.") || type.startsWith("jdk.internal.reflect.");
    }

    private static String type(RecordedFrame f) {
        return f.getMethod() == null ? "?" : f.getMethod().getType().getName();
    }

    private static String name(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        String t = f.getMethod().getType().getName();
        return t.substring(t.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + "  [" + pkg(t) + "]";
    }

    private static String pkg(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    private static String library(RecordedFrame f) {
        String t = type(f);
        String[][] groups = {
                {"com.sun.org.apache.xerces", "XML parser (Xerces in the JDK)"}, {"org.jdom2", "JDOM"},
                {"com.rometools", "ROME"}, {"java.util.zip", "gzip"}, {"org.postgresql", "PostgreSQL driver"},
                {"com.zaxxer.hikari", "Hikari"}, {"jdk.internal.net.http", "JDK HttpClient"},
                {"sun.nio", "NIO"}, {"org.apache.camel", "Camel"}, {"org.jsoup", "jsoup"},
                {"org.triggerhappy.camel", "project"}, {"org.slf4j", "logging"}, {"org.flywaydb", "Flyway"},
                {"com.fasterxml", "Jackson"}, {"java.util.regex", "regex"}, {"sun.security", "digest/security"},
                {"java.lang.invoke", "method handles/lambdas"}, {"java.time", "java.time"},
                {"java.lang", "java.lang (String, …)"}, {"java.util", "java.util"}};
        for (String[] g : groups) {
            if (t.startsWith(g[0])) {
                return g[1];
            }
        }
        return "other: " + pkg(t);
    }

    private static String threadGroup(String name) {
        return name.replaceAll("[-#]?\\d+", "-N").replaceAll("(-N)+", "-N");
    }

    int samples() {
        return samples;
    }

    /** A readable report of the top {@code n} entries of each table. */
    String report(int n) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "CPU samples (jdk.ExecutionSample): %d%n", samples));
        table(b, "Hottest methods, self (leaf frame)", self, n);
        table(b, "Hottest methods, inclusive (anywhere on the stack; thread pools, Camel's engine and reflection left out)",
                inclusive, n);
        table(b, "Deepest project method on the stack (where the service's CPU goes)", project, n);
        table(b, "Leaf frame by library", library, n);
        table(b, "Sampled threads", threads, n);
        return b.toString();
    }

    private void table(StringBuilder b, String title, Map<String, Integer> m, int n) {
        b.append('\n').append(title).append(":\n");
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> b.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n",
                        100.0 * e.getValue() / Math.max(1, samples), e.getValue(), e.getKey())));
    }
}
