package org.triggerhappy.camel.persistence;

import java.time.Instant;

/** What the service remembers about polling one trigger's feed (table thc_feed_state). */
public record FeedState(int triggerId, String url, Instant firstPolledAt, String etag, String lastModified,
                        String bodyHash, int consecutiveFailures) {
}
