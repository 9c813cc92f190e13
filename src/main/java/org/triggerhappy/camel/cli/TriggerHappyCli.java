package org.triggerhappy.camel.cli;

import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's entry point: {@code java -jar triggerhappy-camel.jar <command>}. */
@Command(name = "triggerhappy-camel", mixinStandardHelpOptions = true, version = "TriggerHappy Camel 0.1",
        description = "Turns new RSS/Atom entries of django-th triggers into Evernote notes.",
        subcommands = {RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class TriggerHappyCli implements Callable<Integer> {

    /** Exit code for configuration and database errors (one feed or user failing never exits non-zero). */
    public static final int CONFIG_ERROR = 2;

    public static void main(String[] args) {
        // Before any HTTP connection: the JDK would otherwise re-send a createNote POST silently after a dropped
        // connection, creating a duplicate note (it reads this property once).
        System.setProperty("sun.net.http.retryPost", "false");
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TriggerHappyCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof org.triggerhappy.camel.persistence.StorageException) {
                cmd.getErr().println("error: " + e.getMessage());
                return CONFIG_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
