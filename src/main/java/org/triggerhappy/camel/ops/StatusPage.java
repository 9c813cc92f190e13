package org.triggerhappy.camel.ops;

import org.triggerhappy.camel.persistence.StatusQuery;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bean behind GET / on TH_HTTP_PORT (routes/status.xml): the current status as HTML. */
public final class StatusPage {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private final StatusQuery query;
    private final Clock clock;

    public StatusPage(StatusQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    /** The page; throws when the database cannot be read (the route answers 503 with {@link #unavailable(Exception)}). */
    public String html() {
        return StatusHtml.render(query.read());
    }

    public String unavailable(Exception cause) {
        LOG.warn("status page: database unavailable error=\"{}\"", cause == null ? "?" : cause.getMessage());
        return StatusHtml.unavailable(clock.instant());
    }
}
