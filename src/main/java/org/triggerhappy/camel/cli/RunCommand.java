package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.DurationParser;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.service.Phases;
import org.triggerhappy.camel.service.ServiceRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service: polls every active RSS→Evernote trigger every TH_POLL_INTERVAL.",
                "With --once: polls every active trigger now, writes every note that can be written now, prints a"
                        + " summary and exits (0 unless the configuration or the database is wrong)."})
final class RunCommand implements Callable<Integer> {

    /** Read by {@link LogLevels} before logging starts; declared here so the command accepts and documents it. */
    @Option(names = LogLevels.VERBOSE, description = "Also log Camel's start and stop and every trigger's poll.")
    boolean verbose;

    @Option(names = "--once", description = "Poll once, deliver, print a summary and exit.")
    boolean once;

    @Option(names = "--timeout", defaultValue = "30m",
            description = "With --once: the longest wait for deliveries (default ${DEFAULT-VALUE}); what is left stays queued.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Phases phases = Phases.sinceMain();
        phases.end("cli");
        Settings settings = Settings.load(ConfigSource.standard(Map.of()));
        Duration wait = DurationParser.parse("--timeout", timeout);
        phases.end("settings");
        try (ServiceRuntime runtime = ServiceRuntime.create(settings, !once, phases)) {
            if (once) {
                OnceSummary s = runtime.runOnce(wait);
                System.out.println(s.line());
            } else {
                runtime.runForever();
            }
        }
        return 0;
    }
}
