package org.triggerhappy.camel.cli;

import java.util.stream.Collectors;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.pipeline.FeedDiscovery;

/**
 * The URL {@code triggers add} stores for {@code --url}, from what {@link FeedDiscovery} made of it, and what the
 * command says about that: a suffix for its "added" line, or a warning.
 *
 * @param url     the URL to store: the one given, or the feed its page links to
 * @param found   "" or " (feed found at …)" for the "trigger 7 added for alice" line
 * @param warning null, or a line for standard error
 */
record FeedChoice(String url, String found, String warning) {

    static FeedChoice asGiven(String url) {
        return new FeedChoice(url, "", null);
    }

    /**
     * @throws UserError (exit 2) when the URL is a page without a feed, or neither a feed nor a page
     */
    static FeedChoice of(String given, FeedDiscovery.Outcome outcome) {
        String shown = Masked.url(given);
        if (outcome instanceof FeedDiscovery.Found f) {
            String others = f.others().isEmpty() ? ""
                    : "; other feeds on the page: " + f.others().stream().map(Masked::url)
                    .collect(Collectors.joining(", "));
            return new FeedChoice(f.feed(), " (feed found at " + Masked.url(f.feed()) + others + ")", null);
        }
        if (outcome instanceof FeedDiscovery.Unreachable u) {
            // The poll reports a feed that keeps failing; a feed down for a moment should not stop the command.
            return new FeedChoice(given, "", "warning: cannot fetch " + shown + " (" + Masked.text(u.reason())
                    + "); added as given, without checking that it is a feed");
        }
        if (outcome instanceof FeedDiscovery.NotAFeed n) {
            String type = n.contentType() == null ? "" : " (" + n.contentType() + ")";
            throw UserError.invalid(shown + type + " is neither a feed nor an HTML page: " + Masked.text(n.reason())
                    + "; nothing added (--no-discover adds it as it is)");
        }
        if (outcome instanceof FeedDiscovery.NoFeed none) {
            if (none.tried().isEmpty()) {
                throw UserError.invalid("no feed found for " + shown + ", an HTML page without feed links;"
                        + " nothing added");
            }
            String tried = none.tried().stream()
                    .map(a -> "  " + Masked.url(a.url()) + ": " + Masked.text(a.failure()))
                    .collect(Collectors.joining(System.lineSeparator()));
            throw UserError.invalid("no feed found for " + shown + ", an HTML page; nothing added. Tried:"
                    + System.lineSeparator() + tried);
        }
        return asGiven(given); // IsFeed
    }
}
