package org.triggerhappy.camel.entries;

import java.time.Duration;
import java.util.List;

/**
 * A feed document after parsing.
 *
 * @param title   feed title; may be null
 * @param link    feed home page link; may be null
 * @param ttl     RSS {@code <ttl>} (minutes in the feed), null when absent
 * @param entries entries in document order
 */
public record ParsedFeed(String title, String link, Duration ttl, List<FeedEntry> entries) {
    public ParsedFeed {
        entries = List.copyOf(entries);
    }
}
