package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.entries.EntryKeys;
import org.triggerhappy.camel.entries.EntryRules;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.FeedParseException;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.entries.LedgerMatch;
import org.triggerhappy.camel.entries.ParsedFeed;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchResult;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.notes.NoteTitles;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.LedgerRepository;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * A dry run of one trigger's feed: fetched now and taken through the steps of a poll and of a delivery (parse, entry
 * keys, keep/block rules and title template, full articles, the note with its images) with the same classes, but
 * without the ledger, the outbox or Evernote. Every entry is treated as new: the first-poll window, the flood guard
 * and the per-poll cap do not apply. Stores nothing; the only read is, when asked, which entries the trigger's ledger
 * holds already ({@link #ledgerOf}).
 */
public final class FeedPreview {

    /** Which of these entries the trigger has seen already (their ledger keys). */
    @FunctionalInterface
    public interface SeenEntries {
        SeenEntries NONE = keyed -> Set.of();

        Set<String> ledgerKeys(List<KeyedEntry> keyed);
    }

    /**
     * One entry of the feed as the service would treat it if it were new.
     *
     * @param title      the note's title, or for a filtered entry the entry's own title
     * @param link       the entry's link; may be null
     * @param published  the entry's date; may be null
     * @param seen       the trigger's ledger holds the entry already: the service will not write it again
     * @param note       the note that would be written; null when the entry is filtered out
     * @param filteredBy the rule that removed the entry ({@code block rule title=…}, {@code no keep rule matched});
     *                   null when it becomes a note
     * @param content    where the note's content comes from, and why a page's article was not used
     * @param warning    a rule that ran out of time (the entry is kept), else null
     */
    public record Entry(String title, String link, Instant published, boolean seen, NoteDraft note,
                        String filteredBy, String content, String warning) {
        public boolean filtered() {
            return note == null;
        }
    }

    /**
     * @param feedTitle     the feed's title as just read (plain text), '' when it has none
     * @param entriesInFeed how many entries the feed has; {@code entries} holds the first of them, up to the limit
     */
    public record Result(String feedUrl, String feedTitle, int entriesInFeed, List<Entry> entries) {
    }

    /** The feed could not be read, or the trigger's stored rules are invalid; the message is masked. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(Masked.text(message), null, false, false);
        }
    }

    private final FeedFetcher fetcher;
    private final HostLimiter hosts;
    private final FeedParser parser;
    private final ZoneId zone;
    private final ArticleChoice articles;
    private final NoteComposer composer;
    private final ImageMode defaultImages;

    /**
     * @param articles      with the pages fetcher the service uses ({@code FetchSettings.forPages()})
     * @param composer      with the image downloads the service uses
     * @param defaultImages TH_IMAGES, for a trigger without its own image mode
     */
    public FeedPreview(FeedFetcher fetcher, HostLimiter hosts, FeedParser parser, ZoneId zone, ArticleChoice articles,
                       NoteComposer composer, ImageMode defaultImages) {
        this.fetcher = fetcher;
        this.hosts = hosts;
        this.parser = parser;
        this.zone = zone;
        this.articles = articles;
        this.composer = composer;
        this.defaultImages = defaultImages;
    }

    /**
     * @param t      the trigger as a poll reads it (feed URL, settings, rules, title template)
     * @param target where its notes go (notebook, tags, images mode); its feed title is replaced by the one read now
     * @param limit  at most this many entries, the feed's first
     */
    public Result run(Trigger t, DeliveryTarget target, SeenEntries seen, int limit) throws Failure {
        String url = t.feedUrl();
        FetchResult r;
        try {
            // No validators: the preview wants the whole feed, whatever the service read before.
            r = hosts.withPermit(url, () -> fetcher.fetch(url, null, null));
        } catch (FetchException e) {
            throw new Failure("feed error: " + e.getMessage());
        }
        ParsedFeed feed;
        try {
            feed = parser.parse(r.body(), r.contentType(), r.finalUrl());
        } catch (FeedParseException e) {
            throw new Failure("feed error: " + e.getMessage());
        }
        EntryShaping shaping;
        try {
            shaping = EntryShaping.of(t, feed, zone);
        } catch (IllegalArgumentException e) {
            throw new Failure("trigger rules: " + e.getMessage());
        }
        List<KeyedEntry> keyed = EntryKeys.assign(feed.entries());
        List<KeyedEntry> shown = keyed.subList(0, Math.min(limit, keyed.size()));
        Set<String> known = seen.ledgerKeys(shown);
        DeliveryTarget to = target.withFeedTitle(feed.title());

        List<Entry> out = new ArrayList<>(shown.size());
        List<Integer> kept = new ArrayList<>();
        List<EntryRules.Verdict> verdicts = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            EntryRules.Verdict v = shaping.judge(shown.get(i).entry());
            verdicts.add(v);
            if (v.kept()) {
                kept.add(i);
            }
        }
        // The pages of all kept entries are fetched in parallel, as the poll route does for a feed's new entries.
        List<ArticleChoice.Entry> asked = kept.stream().map(i -> shown.get(i).entry())
                .map(e -> new ArticleChoice.Entry(e.link(), e.contentHtml())).toList();
        List<ArticleChoice.Choice> chosen = articles.choose(t, asked);
        Map<Integer, ArticleChoice.Choice> choiceOf = new java.util.HashMap<>();
        for (int k = 0; k < kept.size(); k++) {
            choiceOf.put(kept.get(k), chosen.get(k));
        }
        ImageOptions images = (to.images() != null ? to.images() : defaultImages) == ImageMode.LINK
                ? ImageOptions.LINK : ImageOptions.embed(Long.MAX_VALUE);
        for (int i = 0; i < shown.size(); i++) {
            KeyedEntry k = shown.get(i);
            FeedEntry e = k.entry();
            boolean isSeen = known.contains(k.ledgerKey());
            EntryRules.Verdict v = verdicts.get(i);
            if (!v.kept()) {
                out.add(new Entry(NoteTitles.of(e.title(), e.link()), e.link(), e.published(), isSeen, null,
                        filteredBy(v), null, null));
                continue;
            }
            ArticleChoice.Choice c = choiceOf.get(i);
            String html = c.article() != null ? c.article() : e.contentHtml();
            NoteSource source = new NoteSource(shaping.title(e), e.link(), html, e.published(), to.notebook(),
                    to.tags(), to.feedLabel(url));
            NoteDraft note = composer.compose(source, images);
            String warning = v.timedOut() ? "rule " + v.rule().text() + " ran out of time: the entry is kept" : null;
            out.add(new Entry(note.title(), e.link(), e.published(), isSeen, note, null, content(c), warning));
        }
        return new Result(url, NoteTitles.text(feed.title()), keyed.size(), out);
    }

    private static String filteredBy(EntryRules.Verdict v) {
        return v.rule() != null ? "block rule " + v.rule().text() : v.reason();
    }

    private static String content(ArticleChoice.Choice c) {
        if (c.article() != null) {
            return "the linked page's article";
        }
        if (c.whyNot() != null) {
            return "the feed's content (the linked page's article is not used: " + c.whyNot() + ")";
        }
        return "the feed's content";
    }

    /** The trigger's ledger, read only (no last-seen refresh): which of the entries it holds already. */
    public static SeenEntries ledgerOf(DataSource ds, int triggerId) {
        LedgerRepository ledger = new LedgerRepository(ds);
        return keyed -> {
            Map<String, String> recorded = ledger.existing(triggerId, LedgerMatch.candidateKeys(keyed));
            return keyed.stream().filter(k -> LedgerMatch.isKnown(k, recorded)).map(KeyedEntry::ledgerKey)
                    .collect(Collectors.toSet());
        };
    }
}
