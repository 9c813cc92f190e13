package org.triggerhappy.camel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.triggerhappy.camel.articles.ArticleExtractor;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.fetch.ImageFetcher;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.Trigger;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.pipeline.ArticleChoice;
import org.triggerhappy.camel.pipeline.ArticlePages;
import org.triggerhappy.camel.pipeline.FeedPreview;
import org.triggerhappy.camel.pipeline.FullContentPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Fetches a trigger's feed (or any feed, --url) now and writes an HTML file showing each entry"
                + " as the note the service would write (title, notebook, tags, content, images inline), and each"
                + " entry the rules filter out with the rule that removed it. Prints the file's path.",
                "Writes nothing else: not the seen entries, not the outbox, not Evernote. Options change the"
                        + " settings for this preview only (with ID: --keep/--block add to the trigger's rules, the"
                        + " others replace its settings)."})
final class TriggerPreviewCommand implements Callable<Integer> {
    /** Entries shown by default: a first look at a feed, without fetching a hundred pages. */
    static final int LIMIT = 20;
    static final int LIMIT_MAX = 500;

    private final CliContext ctx;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The trigger's id (triggers list); or give --url.")
    Integer id;

    @Option(names = "--url", paramLabel = "URL",
            description = "Preview this feed instead of a trigger's (http:// or https://); no database is used.")
    String url;

    @Option(names = "--notebook", paramLabel = "NB", description = "The notebook shown (default: the trigger's,"
            + " else the account's default notebook).")
    String notebook;

    @Option(names = "--tags", paramLabel = "a,b", description = "Comma-separated tags shown (default: the trigger's).")
    String tags;

    @Mixin
    NoteOptions note = new NoteOptions();

    @Option(names = "--limit", paramLabel = "N",
            description = "Show the feed's first N entries (1 to " + LIMIT_MAX + "). Default: " + LIMIT + ".")
    int limit = LIMIT;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The HTML file to write (replaced if it exists). Default:"
                    + " TH_DATA_DIR/preview/trigger-ID-<UTC time>.html (feed-<UTC time>.html with --url).")
    Path out;

    TriggerPreviewCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if ((id == null) == (url == null)) {
            throw new UserError("give a trigger ID or --url URL (one of them)");
        }
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new UserError("--limit " + limit + " must be between 1 and " + LIMIT_MAX);
        }
        // Everything given is checked before the feed is fetched.
        String feedUrl = url == null ? null : TriggerAddCommand.feedUrl(url);
        String[] keeps = note.keepRules();
        String[] blocks = note.blockRules();
        FullContentMode mode = note.fullContent();
        ImageMode imageMode = note.images();
        String css = note.selector();
        String template = note.titleTemplate();
        String nb = notebook == null ? null
                : TriggerAddCommand.limited("--notebook", notebook.strip(), TriggerAddCommand.NOTEBOOK_MAX);
        String tagList = tags == null ? null
                : TriggerAddCommand.limited("--tags", tags.strip(), TriggerAddCommand.TAGS_MAX);

        Settings settings = ctx.settings();
        Trigger row;
        DeliveryTarget target;
        FeedPreview.SeenEntries seen;
        Database db = null;
        try {
            if (id != null) {
                db = ctx.database(settings);
                Trigger stored = new TriggerQueries(db.dataSource()).trigger(id)
                        .orElseThrow(() -> UserError.unknownTrigger(id));
                if (stored.feedUrl().isEmpty()) {
                    throw new UserError("trigger " + id + " has no feed URL (no django_th_rss row)");
                }
                row = new Trigger(stored.triggerId(), stored.userId(), stored.description(), stored.dateCreated(),
                        stored.dateTriggered(), stored.feedUrl(), stored.interval(),
                        note.givenFullContent() ? mode : stored.fullContent(),
                        note.givenSelector() ? css : stored.selector(), plus(stored.keepRules(), keeps),
                        plus(stored.blockRules(), blocks), note.givenTitleTemplate() ? template : stored.titleTemplate());
                DeliveryTarget t = new TriggerQueries(db.dataSource()).target(id)
                        .orElse(new DeliveryTarget(id, stored.userId(), 0, null, "", "", stored.description()));
                target = new DeliveryTarget(id, t.userId(), t.consumerServiceId(), null,
                        nb != null ? nb : t.notebook(), tagList != null ? tagList : t.tags(), t.description(),
                        note.givenImages() ? imageMode : t.images(), null);
                seen = FeedPreview.ledgerOf(db.dataSource(), id);
            } else {
                // No trigger: what triggers add would make of these options, with the service's defaults.
                String description = TriggerAddCommand.clip(Masked.url(feedUrl), TriggerAddCommand.DESCRIPTION_MAX);
                row = new Trigger(0, 0, description, LocalDate.now(settings.timeZone()), null, feedUrl, null, mode,
                        css, List.of(keeps), List.of(blocks), template);
                target = new DeliveryTarget(0, 0, 0, null, nb == null ? "" : nb, tagList == null ? "" : tagList,
                        description, imageMode, null);
                seen = FeedPreview.SeenEntries.NONE;
            }
            Instant readAt = Instant.now();
            FeedPreview.Result result = preview(settings, row, target, seen, limit);
            Path file = (out != null ? out : settings.dataDir().resolve("preview").resolve(
                    (id != null ? "trigger-" + id + "-" : "feed-") + FileStamps.of(readAt) + ".html"))
                    .toAbsolutePath();
            PreviewPage page = new PreviewPage(id, row, target,
                    row.fullContent() != null ? row.fullContent() : settings.content().fullContent(),
                    target.images() != null ? target.images() : settings.content().images(), settings.timeZone(),
                    readAt);
            write(file, page.html(result));
            ctx.err().println(PreviewPage.summary(result));
            ctx.out().println(file);
            return 0;
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    /** The feed taken through the service's own steps, with its fetch guards and defaults. */
    private static FeedPreview.Result preview(Settings settings, Trigger row, DeliveryTarget target,
                                              FeedPreview.SeenEntries seen, int limit) {
        FetchSettings fetch = FetchSettings.from(settings);
        HostLimiter hosts = new HostLimiter(settings.fetchPerHost());
        ExecutorService pagePool = Executors.newFixedThreadPool(Math.min(4, settings.fetchConcurrency()), r -> {
            Thread t = new Thread(r, "th-preview-page");
            t.setDaemon(true);
            return t;
        });
        try {
            // The hold only matters to the outbox, which a preview never writes.
            ArticleChoice articles = new ArticleChoice(
                    new FullContentPolicy(settings.content().fullContent(), java.time.Duration.ZERO),
                    new ArticlePages(new FeedFetcher(fetch.forPages()), hosts, new ArticleExtractor(), pagePool));
            FeedPreview preview = new FeedPreview(new FeedFetcher(fetch), hosts, new FeedParser(),
                    settings.timeZone(), articles,
                    new NoteComposer(new ImageFetcher(fetch, settings.content().imageMaxBytes())),
                    settings.content().images());
            return preview.run(row, target, seen, limit);
        } catch (FeedPreview.Failure e) {
            throw new UserError(Masked.url(row.feedUrl()) + ": " + e.getMessage());
        } finally {
            pagePool.shutdownNow();
        }
    }

    private static List<String> plus(List<String> stored, String[] given) {
        List<String> all = new ArrayList<>(stored);
        all.addAll(List.of(given));
        return all;
    }

    private static void write(Path file, String html) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }
}
