package org.triggerhappy.camel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row and left-aligned columns as wide as their widest cell. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintStream out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], length(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - length(r[i]) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Cuts a long cell to {@code max} code points, marking the cut. */
    static String clip(String s, int max) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        return length(s) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
