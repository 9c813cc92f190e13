package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: cores, memory, CPU model, Java, load. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        double memGiB = mem.isEmpty() ? Double.NaN : Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        return String.format(Locale.ROOT, "machine: nproc=%d, memory %.1f GiB, CPU %s%njava: %s %s (%s)%n"
                        + "load average at start: %s", Runtime.getRuntime().availableProcessors(), memGiB,
                cpu.isEmpty() ? "?" : cpu, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), loadAverage());
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: leave it out
        }
        return "";
    }
}
