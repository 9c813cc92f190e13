package org.triggerhappy.camel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the benchmark prints: figure, service, floor, ratio, target, pass/fail; sections between. */
final class BenchTable {
    private record Row(String figure, String service, String floor, String ratio, String target, String result) {
    }

    private final List<Object> lines = new ArrayList<>();
    private int failures;

    void section(String title) {
        lines.add(title);
    }

    void row(String figure, String service, String floor, String ratio, String target, Boolean pass) {
        if (Boolean.FALSE.equals(pass)) {
            failures++;
        }
        lines.add(new Row(figure, service, floor, ratio, target, pass == null ? "" : pass ? "pass" : "FAIL"));
    }

    void info(String figure, String service, String floor) {
        row(figure, service, floor, "", "", null);
    }

    int failures() {
        return failures;
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f×", v);
    }

    String render() {
        String fmt = "%-46s %12s %12s %8s %-22s %s%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, fmt, "figure", "service", "floor", "ratio", "target", "result"));
        b.append("-".repeat(112)).append('\n');
        for (Object l : lines) {
            if (l instanceof Row r) {
                b.append(String.format(Locale.ROOT, fmt, r.figure, r.service, r.floor, r.ratio, r.target, r.result));
            } else {
                b.append('\n').append(l).append('\n');
            }
        }
        return b.toString();
    }
}
