package org.triggerhappy.camel.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.ops.LogSetup;

/**
 * Log levels per command, for {@link LogSetup}: the service ({@code run}) logs at INFO for operators; {@code run
 * --once} and {@code demo} print their own summary, so only this service's INFO lines (the cycle summary, the phase
 * timings) and the libraries' warnings show; management commands print only what they report. {@code --verbose} shows everything,
 * this service's per-trigger DEBUG lines included.
 */
final class LogLevels {
    static final String VERBOSE = "--verbose";

    private LogLevels() {
    }

    static Map<String, String> forCommand(String[] args) {
        List<String> a = Arrays.asList(args);
        String command = a.stream().filter(s -> !s.startsWith("-")).findFirst().orElse("");
        if (a.contains(VERBOSE)) {
            return levels("INFO", "DEBUG");
        }
        if (command.equals("run") && !a.contains("--once")) {
            return levels("INFO", "INFO");
        }
        if (command.equals("run") || command.equals("demo")) {
            return levels("WARN", "INFO");
        }
        return levels("WARN", "WARN");
    }

    private static Map<String, String> levels(String libraries, String service) {
        return Map.of(LogSetup.ROOT_LEVEL, libraries, LogSetup.APP_LEVEL, service);
    }
}
