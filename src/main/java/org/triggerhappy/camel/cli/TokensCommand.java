package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.DurationParser;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.evernote.EvernoteOAuth.Authorisation;
import org.triggerhappy.camel.evernote.EvernoteOAuth;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.UserRepository;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Stores users' Evernote tokens without django-th: one you have (set), or one from Evernote's"
                + " sign-in (login).")
final class TokensCommand {
    static final String TOKEN_ENV = "TH_TOKEN";
    /** django_th_userservice.token is varchar(255). */
    private static final int TOKEN_MAX = 255;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final CliContext ctx;

    TokensCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Stores the user's Evernote token in their ServiceEvernote row of django_th_userservice"
                    + " (created when missing). Deliveries paused for an expired token resume with the new one.",
                    "The token is read from the environment variable TH_TOKEN when set, else as one line from standard"
                            + " input (typed without echo on a terminal); never from an argument, so it stays out of"
                            + " shell history and process lists. It is never printed."})
    int set(@Option(names = "--user", required = true, paramLabel = "NAME", description = "The django-th username.")
            String username,
            @Parameters(arity = "0..*", hidden = true) List<String> stray) {
        if (stray != null && !stray.isEmpty()) {
            // Refused without echoing it: picocli's own "unmatched argument" message would print the token.
            throw new UserError("tokens set takes no argument: give the token on standard input or in " + TOKEN_ENV
                    + " (an argument stays in shell history and process lists)");
        }
        try (Database db = ctx.database()) {
            int userId = new UserRepository(db.dataSource()).userId(username)
                    .orElseThrow(() -> UserError.unknownUser(username));
            new UserServiceRepository(db.dataSource()).setEvernoteToken(userId, readToken(username));
        }
        ctx.out().println("token stored for " + username);
        return 0;
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Runs Evernote's OAuth sign-in for the user and stores the token it yields as tokens set"
                    + " does. Needs the application's Evernote API key in TH_EVERNOTE_CONSUMER_KEY and"
                    + " TH_EVERNOTE_CONSUMER_SECRET.",
                    "Prints an address to open in a browser; after the user allows access there, Evernote sends the"
                            + " browser back to a loopback address this command listens on. When the browser runs on"
                            + " another machine, paste the address its failed page shows on standard input instead."
                            + " The token is never printed. A failed sign-in exits with 2, nothing stored."})
    int login(@Option(names = "--user", required = true, paramLabel = "NAME", description = "The django-th username.")
              String username,
              @Option(names = "--callback-port", defaultValue = "0", paramLabel = "PORT",
                      description = "Port of the loopback address (127.0.0.1) Evernote sends the browser back to;"
                              + " 0 (default): any free port.")
              int callbackPort,
              @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
                      description = "How long to wait for the browser or a pasted address (default ${DEFAULT-VALUE}).")
              String timeout) throws InterruptedException {
        if (callbackPort < 0 || callbackPort > 65535) {
            throw new UserError("--callback-port " + callbackPort + " is not a TCP port (0 for any free port)");
        }
        Duration wait;
        try {
            wait = DurationParser.parse("--timeout", timeout);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage()); // a bad option, not a bad configuration
        }
        Settings settings = ctx.settings();
        if (!settings.evernoteApiKey().configured()) {
            throw UserError.invalid("tokens login needs the application's Evernote API key: set"
                    + " TH_EVERNOTE_CONSUMER_KEY and TH_EVERNOTE_CONSUMER_SECRET (without one, store a token you"
                    + " already have with tokens set)");
        }
        EvernoteOAuth oauth;
        try {
            oauth = new EvernoteOAuth(settings.evernoteUrl(), settings.evernoteApiKey(),
                    settings.evernoteConnectTimeout(), settings.evernoteReadTimeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TH_EVERNOTE_URL: " + e.getMessage()); // plain http to a remote host
        }
        try (Database db = ctx.database(settings)) {
            // Before the sign-in: the user should not allow access for a name that then cannot be stored.
            int userId = new UserRepository(db.dataSource()).userId(username)
                    .orElseThrow(() -> UserError.unknownUser(username));
            Authorisation authorisation = new EvernoteLogin(oauth, ctx.out(), ctx.err(), ctx.in(), callbackPort, wait)
                    .signIn(username);
            String problem = tokenProblem(authorisation.token());
            if (problem != null) {
                throw UserError.invalid("Evernote's token cannot be stored: " + problem + "; nothing stored");
            }
            new UserServiceRepository(db.dataSource()).setEvernoteToken(userId, authorisation.token());
            ctx.out().println("token stored for " + username);
            if (authorisation.expires() != null) {
                ctx.out().println("Evernote says it expires on " + EXPIRY.format(authorisation.expires())
                        + ": run tokens login again before then");
            }
        }
        return 0;
    }

    /** Why django_th_userservice.token cannot hold this token, or null; never quotes it. */
    private static String tokenProblem(String token) {
        if (token.codePointCount(0, token.length()) > TOKEN_MAX) {
            return "the token is longer than " + TOKEN_MAX + " characters, more than django_th_userservice.token holds";
        }
        if (token.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
            return "the token contains spaces or control characters";
        }
        return null;
    }

    private String readToken(String username) {
        String raw = ctx.env(TOKEN_ENV);
        if (raw == null) {
            raw = ctx.readSecretLine("Evernote token for " + username + ": ");
        }
        String token = raw == null ? "" : raw.strip();
        // The messages below describe the token, never quote it.
        if (token.isEmpty()) {
            throw new UserError("empty token: give it as one line on standard input or in " + TOKEN_ENV);
        }
        String problem = tokenProblem(token);
        if (problem != null) {
            throw new UserError(problem.startsWith("the token contains")
                    ? problem + ": give the token alone on one line" : problem);
        }
        return token;
    }
}
