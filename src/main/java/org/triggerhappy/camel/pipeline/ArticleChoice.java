package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.triggerhappy.camel.articles.Article;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * Which content an entry's note gets under its trigger's full-content mode: the article of its linked page when the
 * mode asks for it and the article has more text than the feed's content, else the feed's content. Pages come from
 * {@link ArticlePages} (all of a trigger's entries fetched in parallel); nothing is stored here, so both the poll
 * route ({@link FullArticles}) and a preview ({@link FeedPreview}) decide the same way.
 */
public final class ArticleChoice {

    /** One entry as the feed gives it. */
    public record Entry(String link, String content) {
    }

    /**
     * What one entry's note shows.
     *
     * @param article the page's article HTML to use instead of the feed's content; null to keep the feed's
     * @param whyNot  why a page that was asked for is not used; null when none was asked for, or it is used
     */
    public record Choice(String article, String whyNot) {
        static final Choice FEED = new Choice(null, null);

        /** True when the mode asked for the linked page (whether or not its article is used). */
        public boolean asked() {
            return article != null || whyNot != null;
        }
    }

    private final FullContentPolicy policy;
    private final ArticlePages pages;

    public ArticleChoice(FullContentPolicy policy, ArticlePages pages) {
        this.policy = policy;
        this.pages = pages;
    }

    /** The mode this trigger's entries are read with (its own, else TH_FULL_CONTENT). */
    public FullContentMode modeFor(Trigger t) {
        return policy.modeFor(t);
    }

    /** One choice per entry, in the same order; waits for the pages it asked for. */
    public List<Choice> choose(Trigger t, List<Entry> entries) {
        FullContentMode mode = policy.modeFor(t);
        List<Choice> out = new ArrayList<>(entries.size());
        if (mode == FullContentMode.NEVER) {
            entries.forEach(e -> out.add(Choice.FEED));
            return out;
        }
        // Every page asked for first, so that they are fetched in parallel; then each is waited for.
        List<CompletableFuture<ArticlePages.Outcome>> asked = new ArrayList<>(entries.size());
        int[] feedText = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            CompletableFuture<ArticlePages.Outcome> page = null;
            if (isWebLink(e.link())) {
                feedText[i] = FullContentPolicy.textLength(e.content());
                if (FullContentPolicy.wants(mode, feedText[i])) {
                    page = pages.article(e.link(), t.selector());
                }
            }
            asked.add(page);
        }
        for (int i = 0; i < entries.size(); i++) {
            CompletableFuture<ArticlePages.Outcome> page = asked.get(i);
            out.add(page == null ? Choice.FEED : use(page.join(), feedText[i]));
        }
        return out;
    }

    private static Choice use(ArticlePages.Outcome outcome, int feedText) {
        if (outcome.found().isEmpty()) {
            return new Choice(null, outcome.failure());
        }
        Article a = outcome.article();
        if (a.textLength() <= feedText) {
            return new Choice(null, "the page's article has less text than the feed (" + a.textLength() + " < "
                    + feedText + " characters)");
        }
        return new Choice(a.html(), null);
    }

    private static boolean isWebLink(String link) {
        return link != null && (link.startsWith("http://") || link.startsWith("https://"));
    }
}
