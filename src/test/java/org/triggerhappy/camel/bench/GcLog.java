package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from a unified GC log ({@code -Xlog:gc,gc+heap+exit:file=…}): the heap is fullest just before a
 * collection, so the peak is the largest "before" figure of any pause, or the heap used at exit if that is larger.
 * Also the largest "after" figure (an upper bound of what stayed live: young pauses leave old-generation garbage).
 */
record GcLog(double peakMb, double maxLiveMb, int pauses, int fullGcs) {
    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern EXIT_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    static GcLog read(Path file) {
        try {
            return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
        } catch (IOException e) {
            return new GcLog(Double.NaN, Double.NaN, 0, 0);
        }
    }

    static GcLog parse(List<String> lines) {
        double peak = 0;
        double live = 0;
        int pauses = 0;
        int full = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (line.contains("Pause") && m.find()) {
                pauses++;
                if (line.contains("Pause Full")) {
                    full++;
                }
                peak = Math.max(peak, mb(m.group(1), m.group(2)));
                live = Math.max(live, mb(m.group(3), m.group(4)));
                continue;
            }
            Matcher exit = EXIT_USED.matcher(line);
            if (exit.find()) {
                peak = Math.max(peak, Long.parseLong(exit.group(1)) / 1024.0);
            }
        }
        return new GcLog(peak, live, pauses, full);
    }

    /** Heap after the last full collection in the log (say one asked for with jcmd GC.run), NaN if none. */
    static double afterLastFullGcMb(Path file) {
        double after = Double.NaN;
        try {
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                Matcher m = PAUSE.matcher(line);
                if (line.contains("Pause Full") && m.find()) {
                    after = mb(m.group(3), m.group(4));
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return after;
    }

    private static double mb(String n, String unit) {
        double v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
