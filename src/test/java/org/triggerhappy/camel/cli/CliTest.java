package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.testsupport.TestDatabase;
import picocli.CommandLine;

/** The command tree as a whole: help everywhere, exit codes. */
class CliTest {
    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
    }

    /** Every command path of the tree, e.g. [triggers, add]. */
    private static List<List<String>> commandPaths() {
        CliContext ctx = new CliContext(ConfigSource.of(Map.of()), Map.of(), System.in, System.out, System.err);
        List<List<String>> paths = new ArrayList<>();
        collect(TriggerHappyCli.commandLine(ctx), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            into.add(p);
            collect(sub, p, into);
        });
    }

    @Test
    void every_command_has_help_with_a_description() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).contains(List.of("users", "add"), List.of("users", "list"), List.of("tokens", "set"),
                List.of("triggers", "add"), List.of("triggers", "list"), List.of("triggers", "enable"),
                List.of("triggers", "disable"), List.of("triggers", "remove"), List.of("check"),
                List.of("enex", "export"), List.of("run"), List.of("demo"));
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(path.toString()).isZero();
            assertThat(r.err()).as(path.toString()).isEmpty();
            assertThat(r.out()).as(path.toString()).contains("Usage: triggerhappy-camel " + String.join(" ", path));
            // the description follows the usage line(s)
            assertThat(r.out().lines().filter(l -> !l.isBlank()).count()).as(path.toString()).isGreaterThan(2);
        }
    }

    @Test
    void no_command_prints_the_usage_listing_the_management_commands() {
        Result r = cli.run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("users", "tokens", "triggers", "check", "enex", "run", "demo");
    }

    @Test
    void wrong_usage_exits_1_and_configuration_errors_exit_2_with_one_line() {
        Result unknown = cli.run("triggers", "rename");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("rename");

        Result group = cli.run("users");
        assertThat(group.exit()).as("a group without its subcommand").isEqualTo(1);
        assertThat(group.err()).contains("Missing required subcommand");

        Result config = cli.set("th.poll.interval", "often").run("users", "list");
        assertThat(config.exit()).isEqualTo(TriggerHappyCli.CONFIG_ERROR);
        assertThat(config.err()).isEqualTo("error: TH_POLL_INTERVAL=often is not a duration; use e.g. 90s, 15m, 1h or"
                + " PT15M" + System.lineSeparator());
    }
}
