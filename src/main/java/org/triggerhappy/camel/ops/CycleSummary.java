package org.triggerhappy.camel.ops;

import java.time.Duration;

/**
 * The figures of a finished poll cycle; {@code filtered}: new entries the triggers' keep/block rules removed;
 * {@code crossFeedDuplicates}: new entries not queued because another trigger delivers the same article.
 */
public record CycleSummary(long cycle, int polled, int notModified, int failed, int newEntries, int queued,
                           Duration duration, int filtered, int crossFeedDuplicates) {
}
