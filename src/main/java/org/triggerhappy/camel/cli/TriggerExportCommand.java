package org.triggerhappy.camel.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.entries.OpmlSubscriptions.Subscription;
import org.triggerhappy.camel.entries.OpmlSubscriptions;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Prints the user's triggers as OPML 2.0 on stdout: one outline per trigger with its"
                + " description, feed URL, tags (category) and notebook (a notebook attribute), switched off ones too.",
                "Feed URLs are written whole, credentials included: they are what the file is for."})
final class TriggerExportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The django-th username.")
    String user;

    TriggerExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<Subscription> subscriptions;
        try (Database db = ctx.database()) {
            if (new UserRepository(db.dataSource()).userId(user).isEmpty()) {
                throw UserError.unknownUser(user);
            }
            subscriptions = new TriggerQueries(db.dataSource()).triggers().stream()
                    .filter(t -> t.user().equals(user) && !t.url().isBlank())
                    .map(t -> new Subscription(t.url(), t.description(), Arrays.stream(t.tags().split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                            t.notebook().isBlank() ? null : t.notebook()))
                    .toList();
        }
        ctx.out().print(OpmlSubscriptions.write("TriggerHappy feeds of " + user, subscriptions));
        ctx.out().println();
        return 0;
    }
}
