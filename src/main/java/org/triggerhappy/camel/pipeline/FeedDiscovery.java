package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.triggerhappy.camel.articles.PageDecoder;
import org.triggerhappy.camel.entries.FeedLinks;
import org.triggerhappy.camel.entries.FeedParseException;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchResult;

/**
 * Finds the feed behind a URL given for a trigger. The URL is fetched once: a feed is taken as it is. An HTML page
 * is searched: first its {@code <link rel="alternate">} feeds in document order, then, when none of them is a
 * feed, the common feed paths on the page's origin until one is. A candidate counts only when it was fetched with
 * the fetcher's guards (address policy on every hop, timeouts, size cap) and parses as RSS, Atom or JSON Feed.
 */
public final class FeedDiscovery {

    /** Links fetched per page: a site's main, comments and category feeds, bounded for a page that lists hundreds. */
    static final int MAX_LINKS = 10;

    /** What the URL turned out to be. */
    public sealed interface Outcome permits IsFeed, Found, NoFeed, NotAFeed, Unreachable {
    }

    /** The URL itself is a feed. */
    public record IsFeed() implements Outcome {
    }

    /**
     * The URL is a page and {@code feed} is the first feed found for it (as the page links to it, before
     * redirects); {@code others} are the page's other links that are feeds too.
     */
    public record Found(String feed, List<String> others) implements Outcome {
        public Found {
            others = List.copyOf(others);
        }
    }

    /** The URL is a page, and no candidate was a feed: each one tried, with why it was not. */
    public record NoFeed(List<Attempt> tried) implements Outcome {
        public NoFeed {
            tried = List.copyOf(tried);
        }
    }

    /** The URL answered with neither a feed nor an HTML page: its Content-Type (may be null), why it is no feed. */
    public record NotAFeed(String contentType, String reason) implements Outcome {
    }

    /** The URL could not be fetched, so nothing is known about it. */
    public record Unreachable(FetchException.Kind kind, String reason) implements Outcome {
    }

    /** A candidate and why it is not a feed. */
    public record Attempt(String url, String failure) {
    }

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final int maxUrlLength;

    /**
     * @param fetcher      built with the feed guards (the same {@code FetchSettings} as the service's feeds)
     * @param maxUrlLength candidates longer than this are skipped: the trigger could not store them
     */
    public FeedDiscovery(FeedFetcher fetcher, FeedParser parser, int maxUrlLength) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.maxUrlLength = maxUrlLength;
    }

    public Outcome discover(String url) {
        FetchResult page;
        try {
            page = fetcher.fetch(url, null, null);
        } catch (FetchException e) {
            return new Unreachable(e.kind(), e.getMessage());
        }
        String notFeed;
        try {
            parser.parse(page.body(), page.contentType(), page.finalUrl());
            return new IsFeed();
        } catch (FeedParseException e) {
            notFeed = e.getMessage();
        }
        if (!FeedLinks.isPage(page.body(), page.contentType())) {
            return new NotAFeed(page.contentType(), notFeed);
        }
        Set<String> seen = new HashSet<>(List.of(url, page.finalUrl()));
        List<Attempt> tried = new ArrayList<>();
        List<String> feeds = new ArrayList<>();
        List<String> links = FeedLinks.alternates(PageDecoder.decode(page.body(), page.contentType()),
                page.finalUrl());
        for (String link : links.subList(0, Math.min(links.size(), MAX_LINKS))) {
            if (seen.add(link)) {
                check(link, tried).ifPresent(feeds::add);
            }
        }
        if (!feeds.isEmpty()) {
            return new Found(feeds.get(0), feeds.subList(1, feeds.size()));
        }
        for (String common : FeedLinks.commonPaths(page.finalUrl())) {
            if (seen.add(common) && check(common, tried).isPresent()) {
                return new Found(common, List.of());
            }
        }
        return new NoFeed(tried);
    }

    /** The candidate when it is a feed; else empty, with why it is not added to {@code tried}. */
    private Optional<String> check(String candidate, List<Attempt> tried) {
        if (candidate.codePointCount(0, candidate.length()) > maxUrlLength) {
            tried.add(new Attempt(candidate, "longer than " + maxUrlLength + " characters"));
            return Optional.empty();
        }
        try {
            FetchResult r = fetcher.fetch(candidate, null, null);
            parser.parse(r.body(), r.contentType(), r.finalUrl());
            return Optional.of(candidate);
        } catch (FetchException | FeedParseException e) {
            tried.add(new Attempt(candidate, e.getMessage()));
            return Optional.empty();
        }
    }
}
