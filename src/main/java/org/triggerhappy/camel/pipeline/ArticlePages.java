package org.triggerhappy.camel.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.triggerhappy.camel.articles.Article;
import org.triggerhappy.camel.articles.ArticleExtractor;
import org.triggerhappy.camel.articles.PageDecoder;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchResult;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.notes.CpuSlots;

/**
 * Fetches an entry's linked page with the feed fetcher's guards and extracts its article. A link asked for by several
 * triggers in one cycle is fetched once: results are kept until {@link #forget()} (the end of the cycle), a bounded
 * number of them.
 */
public final class ArticlePages {
    /** Results kept per cycle; beyond this the oldest are dropped (a later ask fetches again). */
    static final int CACHE_ENTRIES = 2000;

    /** The article, or why there is none. */
    public record Outcome(Article article, String failure) {
        static Outcome failed(String why) {
            return new Outcome(null, why);
        }

        public Optional<Article> found() {
            return Optional.ofNullable(article);
        }
    }

    private final FeedFetcher fetcher;
    private final HostLimiter hosts;
    private final ArticleExtractor extractor;
    private final Executor executor;
    private final Map<String, CompletableFuture<Outcome>> cycle = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Outcome>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** @param fetcher built with {@code FetchSettings.forPages()} */
    public ArticlePages(FeedFetcher fetcher, HostLimiter hosts, ArticleExtractor extractor, Executor executor) {
        this.fetcher = fetcher;
        this.hosts = hosts;
        this.extractor = extractor;
        this.executor = executor;
    }

    /** The article of the page at {@code link} (by {@code selector} when not null), fetched on the executor. */
    public CompletableFuture<Outcome> article(String link, String selector) {
        String key = selector == null ? link : link + "\n" + selector;
        synchronized (cycle) {
            return cycle.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> load(link, selector), executor));
        }
    }

    /** Ends the cycle: the next ask of any link fetches it again. */
    public void forget() {
        synchronized (cycle) {
            cycle.clear();
        }
    }

    private Outcome load(String link, String selector) {
        FetchResult page;
        try {
            page = hosts.withPermit(link, () -> fetcher.fetch(link, null, null));
        } catch (FetchException e) {
            return Outcome.failed("page fetch failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return Outcome.failed("page fetch failed: " + e);
        }
        if (!isHtml(page.contentType())) {
            return Outcome.failed("the link is not an HTML page (" + page.contentType() + ")");
        }
        try {
            return CpuSlots.shared().run(() -> extractor.extract(
                            PageDecoder.decode(page.body(), page.contentType()), page.finalUrl(), selector))
                    .map(a -> new Outcome(a, null))
                    .orElseGet(() -> Outcome.failed(selector == null ? "no article found on the page"
                            : "the selector matched nothing on the page"));
        } catch (RuntimeException e) {
            // Hostile or broken markup must cost this entry its article, never the cycle.
            return Outcome.failed("article extraction failed: " + e);
        }
    }

    /** text/html, application/xhtml+xml, or no type at all (the extractor decides). */
    static boolean isHtml(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/html") || t.startsWith("application/xhtml+xml");
    }
}
