package org.triggerhappy.camel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.evernote.EvernoteClients;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.evernote.EvernoteGateway;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.UserServiceRepository.UserToken;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the configuration, the database (connects and brings the schema up to date) and the"
                + " Evernote token of every active user (asks Evernote who the token belongs to).",
                "Prints one line per check and exits 1, naming what failed, when a check fails. A user without a"
                        + " token is reported, and counts as a failure only with --strict. Tokens are never printed."})
final class CheckCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final List<String> failed = new ArrayList<>();

    @Option(names = "--strict", description = "A user without an Evernote token fails the check.")
    boolean strict;

    CheckCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Settings settings;
        try {
            settings = ctx.settings();
        } catch (RuntimeException e) {
            fail("configuration", e.getMessage());
            return finish();
        }
        report("configuration", "OK");
        Database db;
        try {
            db = ctx.database(settings);
        } catch (RuntimeException e) {
            fail("database", e.getMessage());
            return finish();
        }
        try (db) {
            report("database", "OK (" + where(settings) + ", schema up to date)");
            checkTokens(settings, new UserServiceRepository(db.dataSource()).evernoteTokens());
        }
        return finish();
    }

    private void checkTokens(Settings s, List<UserToken> users) {
        if (users.isEmpty()) {
            report("evernote tokens", "no active users");
            return;
        }
        EvernoteGateway gateway = new EvernoteGateway(new EvernoteClients(s.evernoteUrl(), s.evernoteConnectTimeout(),
                s.evernoteReadTimeout()));
        for (UserToken u : users) {
            String check = "evernote token of " + u.username();
            if (u.token().isBlank()) {
                String reason = "no token stored (tokens set --user " + u.username() + ")";
                if (strict) {
                    fail(check, reason);
                } else {
                    report(check, "MISSING: " + reason);
                }
                continue;
            }
            try {
                report(check, "OK (Evernote user " + gateway.checkUser(u.token()) + ")");
            } catch (EvernoteFailure f) {
                fail(check, f.getMessage()); // EvernoteFailure messages never contain the token
            }
        }
    }

    private void fail(String check, String reason) {
        report(check, "FAILED: " + reason);
        failed.add(check);
    }

    private int finish() {
        if (failed.isEmpty()) {
            ctx.out().println("all checks passed");
            return 0;
        }
        ctx.err().println("error: " + failed.size() + (failed.size() == 1 ? " check" : " checks") + " failed: "
                + String.join(", ", failed));
        return TriggerHappyCli.USER_ERROR;
    }

    private void report(String check, String outcome) {
        ctx.out().println(check + ": " + outcome);
    }

    /** The database without anything secret: an embedded one by its folder, a server's URL without its parameters. */
    private static String where(Settings s) {
        if (s.embeddedDatabase()) {
            return "embedded PostgreSQL in " + s.dataDir().resolve("pg");
        }
        int query = s.dbUrl().indexOf('?');
        return (query < 0 ? s.dbUrl() : s.dbUrl().substring(0, query)) + " as " + s.dbUser();
    }
}
