package org.triggerhappy.camel.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository;
import org.triggerhappy.camel.persistence.UserRepository;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import org.triggerhappy.camel.pipeline.FeedDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Creates an active RSS → Evernote trigger for the user, as django-th's wizard would, and prints"
                + " its id.",
                "The URL is fetched (unless --no-discover): a feed is stored as given; a web page is searched for"
                        + " its feed (its <link rel=\"alternate\"> feeds, then /feed, /rss, /atom.xml, /index.xml,"
                        + " /feed.json), which is stored instead; a page without one exits 2, naming what was tried."
                        + " A URL that cannot be fetched is added as given, with a warning.",
                "Its first poll delivers the entries published since the start of today (TH_TIME_ZONE) and records"
                        + " the older ones as seen."})
final class TriggerAddCommand implements Callable<Integer> {
    // The sizes of django-th's columns: django_th_rss.url, django_th_evernote.notebook/tag, triggerservice.description.
    static final int URL_MAX = 255;
    static final int NOTEBOOK_MAX = 80;
    static final int TAGS_MAX = 80;
    static final int DESCRIPTION_MAX = 200;

    private final CliContext ctx;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The django-th username.")
    String user;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The RSS, Atom or JSON Feed, or a web page that links to one: http:// or https://, at"
                    + " most 255 characters.")
    String url;

    @Option(names = "--no-discover",
            description = "Stores the URL as given without fetching it: no check that it is a feed, no search for"
                    + " the feed of a page.")
    boolean noDiscover;

    @Option(names = "--notebook", paramLabel = "NB", defaultValue = "",
            description = "Evernote notebook (created when missing; at most 80 characters). Default: the account's"
                    + " default notebook.")
    String notebook;

    @Option(names = "--tags", paramLabel = "a,b", defaultValue = "",
            description = "Comma-separated Evernote tags (at most 80 characters in all).")
    String tags;

    @Mixin
    TriggerSettingsOptions own = new TriggerSettingsOptions();

    @Option(names = "--description", paramLabel = "D",
            description = "What the trigger is, as django-th shows it (at most 200 characters). Default: the stored"
                    + " URL, masked.")
    String description;

    TriggerAddCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String given = feedUrl(url);
        String nb = limited("--notebook", notebook.strip(), NOTEBOOK_MAX);
        String tagList = limited("--tags", tags.strip(), TAGS_MAX);
        String givenDesc = description == null ? null
                : limited("--description", description.strip(), DESCRIPTION_MAX);
        Map<TriggerSettingsRepository.Column, Object> settingsOfTrigger = own.changes();
        Settings settings = ctx.settings();
        int id;
        boolean hasToken;
        FeedChoice feed;
        try (Database db = ctx.database(settings)) {
            TriggerRepository triggers = new TriggerRepository(db.dataSource());
            int userId = new UserRepository(db.dataSource()).userId(user)
                    .orElseThrow(() -> UserError.unknownUser(user));
            // Every other mistake is reported before the network is touched.
            feed = noDiscover ? FeedChoice.asGiven(given) : FeedChoice.of(given, discovery(settings).discover(given));
            // django-th shows the description to anyone who sees the trigger, and it ends up in every note's footer.
            String desc = givenDesc != null ? givenDesc : clip(Masked.url(feed.url()), DESCRIPTION_MAX);
            // Created "today" as Django's auto_now_add would, in the zone the first-poll window is read in.
            id = triggers.add(userId, desc, feed.url(), nb, tagList, LocalDate.now(settings.timeZone()),
                    settingsOfTrigger);
            hasToken = new UserServiceRepository(db.dataSource()).hasEvernoteToken(userId);
        }
        if (feed.warning() != null) {
            ctx.err().println(feed.warning());
        }
        ctx.out().println("trigger " + id + " added for " + user + feed.found());
        if (!hasToken) {
            ctx.err().println("note: " + user + " has no Evernote token yet; its notes wait until one is stored:"
                    + " tokens set --user " + user);
        }
        return 0;
    }

    /** Discovery with the service's feed guards, so that the CLI reaches exactly what the poll may reach. */
    private static FeedDiscovery discovery(Settings settings) {
        return new FeedDiscovery(new FeedFetcher(FetchSettings.from(settings)), new FeedParser(), URL_MAX);
    }

    static String feedUrl(String raw) {
        String u = raw.strip();
        if (length(u) > URL_MAX) {
            throw new UserError("--url has " + length(u) + " characters; django_th_rss.url holds at most " + URL_MAX);
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new UserError("--url '" + Masked.url(u) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserError("--url '" + Masked.url(u) + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UserError("--url '" + Masked.url(u) + "' has no host name");
        }
        return u;
    }

    static String limited(String option, String value, int max) {
        if (length(value) > max) {
            throw new UserError(option + " has " + length(value) + " characters; django-th holds at most " + max);
        }
        return value;
    }

    static String clip(String s, int max) {
        return length(s) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
