package org.triggerhappy.camel.entries;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a parsed feed, before any dedup decision.
 *
 * @param guid        RSS guid or Atom id, trimmed; null when absent or blank
 * @param link        absolute entry link (resolved against the feed URL); null when absent
 * @param title       raw title as in the feed (may contain markup or entities); may be null
 * @param contentHtml content (content:encoded / Atom content), else summary/description; may be null
 * @param published   published date, else updated date; null when the entry has none
 * @param author      author name; may be null
 * @param categories  RSS categories, Atom categories, JSON Feed tags; never null
 */
public record FeedEntry(String guid, String link, String title, String contentHtml, Instant published, String author,
                        List<String> categories) {

    public FeedEntry {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public FeedEntry(String guid, String link, String title, String contentHtml, Instant published, String author) {
        this(guid, link, title, contentHtml, published, author, List.of());
    }
}
