package org.triggerhappy.camel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.entries.FeedParseException;
import org.triggerhappy.camel.entries.OpmlSubscriptions.Subscription;
import org.triggerhappy.camel.entries.OpmlSubscriptions;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Adds a trigger for each feed of an OPML file (1.0 or 2.0, nested outlines), as triggers add"
                + " would. An outline's categories and folders become tags; feeds the user already has are skipped.",
                "Prints one line per feed (added, skipped or failed, with the reason) and a count. A file that is"
                        + " not OPML: exit 2, nothing written; some feeds failed: exit 1."})
final class TriggerImportCommand implements Callable<Integer> {
    static final long FILE_MAX = 10L * 1024 * 1024;

    private final CliContext ctx;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The django-th username.")
    String user;

    @Option(names = "--notebook", paramLabel = "NB", defaultValue = "",
            description = "Evernote notebook of every imported trigger. Default: the outline's notebook attribute"
                    + " (written by triggers export), else the account's default notebook.")
    String notebook;

    @Option(names = "--tags", paramLabel = "a,b", defaultValue = "",
            description = "Tags for every imported trigger, before the outline's own categories.")
    String tags;

    @Parameters(paramLabel = "FILE", description = "The OPML file.")
    Path file;

    TriggerImportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<Subscription> subscriptions = read(file);
        String nb = TriggerAddCommand.limited("--notebook", notebook.strip(), TriggerAddCommand.NOTEBOOK_MAX);
        TriggerAddCommand.limited("--tags", tags.strip(), TriggerAddCommand.TAGS_MAX);
        Settings settings = ctx.settings();
        int added = 0;
        int skipped = 0;
        int failed = 0;
        try (Database db = ctx.database(settings)) {
            TriggerRepository triggers = new TriggerRepository(db.dataSource());
            int userId = new UserRepository(db.dataSource()).userId(user)
                    .orElseThrow(() -> UserError.unknownUser(user));
            Set<String> subscribed = new HashSet<>();
            new TriggerQueries(db.dataSource()).triggers().stream().filter(t -> t.user().equals(user))
                    .forEach(t -> subscribed.add(t.url().strip()));
            for (Subscription s : subscriptions) {
                String shown = Masked.url(s.url());
                try {
                    String url = TriggerAddCommand.feedUrl(s.url());
                    if (!subscribed.add(url)) {
                        skipped++;
                        ctx.out().println("skipped " + shown + " (already subscribed)");
                        continue;
                    }
                    String tagList = TriggerAddCommand.limited("tags", tagList(tags, s.categories()),
                            TriggerAddCommand.TAGS_MAX);
                    String target = nb.isEmpty() && s.notebook() != null
                            ? TriggerAddCommand.limited("notebook", s.notebook(), TriggerAddCommand.NOTEBOOK_MAX) : nb;
                    String desc = TriggerAddCommand.clip(s.title() == null ? Masked.url(url) : s.title(),
                            TriggerAddCommand.DESCRIPTION_MAX);
                    int id = triggers.add(userId, desc, url, target, tagList, LocalDate.now(settings.timeZone()),
                            Map.of());
                    added++;
                    ctx.out().println("added   " + shown + " (trigger " + id + ")");
                } catch (UserError e) {
                    failed++;
                    subscribed.remove(s.url().strip());
                    ctx.out().println("failed  " + shown + " (" + e.getMessage().replaceFirst("^--url ", "") + ")");
                }
            }
        }
        ctx.out().println(added + " added, " + skipped + " skipped, " + failed + " failed");
        return failed > 0 ? TriggerHappyCli.USER_ERROR : 0;
    }

    private static List<Subscription> read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > FILE_MAX) {
                throw UserError.invalid(file + " is larger than " + FILE_MAX / (1024 * 1024) + " MiB; not an OPML"
                        + " file of subscriptions");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw UserError.invalid("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return OpmlSubscriptions.read(bytes);
        } catch (FeedParseException e) {
            throw UserError.invalid(file + ": " + e.getMessage() + "; nothing imported");
        }
    }

    /** The given tags, then the outline's categories; each once, whatever its case. */
    static String tagList(String given, List<String> categories) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(List.of(given.split(",")));
        all.addAll(categories);
        for (String t : all) {
            String tag = t.strip().replace(",", " ");
            if (!tag.isEmpty()) {
                tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
        }
        return String.join(", ", tags.values());
    }
}
