package org.triggerhappy.camel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.persistence.StorageException;
import org.triggerhappy.camel.service.Phases;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The jar's entry point: {@code java -jar triggerhappy-camel.jar <command>}. */
@Command(name = "triggerhappy-camel", mixinStandardHelpOptions = true, versionProvider = TriggerHappyCli.Version.class,
        description = "Turns new RSS/Atom entries of django-th triggers into Evernote notes.")
public final class TriggerHappyCli implements Callable<Integer> {
    /**
     * The commands, in the order the usage lists them. Added in {@link #commandLine(CliContext, String)}: picocli
     * reads every annotation of a command, and of its subcommands, when it is added, which took a good part of a
     * {@code run --once}; a command line that names its command gets that one only.
     */
    static final List<Class<?>> COMMANDS = List.of(RunCommand.class, DemoCommand.class, UsersCommand.class,
            TokensCommand.class, TriggersCommand.class, OutboxCommand.class, CheckCommand.class, EnexCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit code for configuration and database errors (one feed or user failing never exits non-zero). */
    public static final int CONFIG_ERROR = 2;
    /** Exit code for a wrong request: unknown user or trigger, bad URL, bad option, a failed check. */
    public static final int USER_ERROR = 1;
    /**
     * Exit code for a keep/block rule, title template, OPML file or feed URL (a page without a feed) that cannot be
     * used (nothing is written).
     */
    public static final int INVALID_INPUT = 2;


    @Spec
    CommandSpec spec;

    /** Taken out of the arguments by {@link ConfigFileArgument} before parsing; declared for the help text. */
    @Option(names = ConfigFileArgument.OPTION, paramLabel = "FILE",
            description = "A properties file read like application.properties (also TH_CONFIG_FILE);"
                    + " environment variables and -D properties still win. Works before or after the command.")
    String configFile;

    public static void main(String[] given) {
        Phases.mainStarted();
        // Before the first logger is created (logback reads the levels once; EvernoteClients has a logger).
        LogLevels.forCommand(given).forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        String[] args;
        try {
            args = ConfigFileArgument.apply(given);
        } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            System.exit(USER_ERROR);
            return;
        }
        // Before any HTTP connection: no silent re-sent createNote, enough kept-alive connections to Evernote.
        org.triggerhappy.camel.evernote.EvernoteClients.prepareJdkHttp();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(CliContext.system(), args);
    }

    /** Runs one command with the given configuration and streams (tests pass their own). */
    public static int execute(CliContext ctx, String... args) {
        return commandLine(ctx, args.length == 0 ? null : args[0]).execute(args);
    }

    /** The whole command tree. */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The root command with the command named {@code first} (the first argument) under it, or with every command
     * when {@code first} names none of them or is {@code help} (usage, help, an unknown command's message).
     */
    static CommandLine commandLine(CliContext ctx, String first) {
        CommandLine cli = new CommandLine(new TriggerHappyCli(), new CliFactory(ctx));
        boolean named = first != null && !first.equals("help")
                && COMMANDS.stream().anyMatch(c -> nameOf(c).equals(first));
        for (Class<?> command : COMMANDS) {
            if (!named || nameOf(command).equals(first)) {
                cli.addSubcommand(command);
            }
        }
        cli.setOut(new PrintWriter(ctx.out(), true));
        cli.setErr(new PrintWriter(ctx.err(), true));
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> {
            usage.handleParseException(e, args);
            return USER_ERROR; // exit code 2 stays reserved for configuration and database errors
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError u) {
                cmd.getErr().println("error: " + e.getMessage());
                return u.exitCode();
            }
            if (e instanceof ConfigException || e instanceof StorageException) {
                cmd.getErr().println("error: " + e.getMessage());
                return CONFIG_ERROR;
            }
            throw e;
        });
        return cli;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The build's project.version, from the jar manifest's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"TriggerHappy Camel " + version()};
        }

        static String version() {
            String v = TriggerHappyCli.class.getPackage().getImplementationVersion();
            // Classes run from target/classes (tests, an IDE) have no manifest.
            return v == null ? "(development build)" : v;
        }
    }
}
