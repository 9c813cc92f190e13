package org.triggerhappy.camel.cli;

import java.util.List;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.DjangoThAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Stores users' Evernote tokens, for people without django-th's Evernote sign-in.")
final class TokensCommand {
    static final String TOKEN_ENV = "TH_TOKEN";
    /** django_th_userservice.token is varchar(255). */
    private static final int TOKEN_MAX = 255;

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
            DjangoThAdmin admin = new DjangoThAdmin(db.dataSource());
            int userId = admin.userId(username).orElseThrow(() -> UserError.unknownUser(username));
            admin.setEvernoteToken(userId, readToken(username));
        }
        ctx.out().println("token stored for " + username);
        return 0;
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
        if (token.codePointCount(0, token.length()) > TOKEN_MAX) {
            throw new UserError("the token is longer than " + TOKEN_MAX
                    + " characters, more than django_th_userservice.token holds");
        }
        if (token.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
            throw new UserError("the token contains spaces or control characters: give the token alone on one line");
        }
        return token;
    }
}
