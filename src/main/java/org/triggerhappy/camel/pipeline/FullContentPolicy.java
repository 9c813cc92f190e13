package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * Which new entries get their linked page fetched for the whole article, and how long their outbox rows wait for it.
 *
 * @param defaultMode TH_FULL_CONTENT, for triggers without their own mode
 * @param hold        how long a queued entry of a trigger that may fetch articles is kept from delivery while its
 *                    article is fetched (released as soon as it is done): another instance's sweeper must not
 *                    deliver the teaser in the meantime; if this process dies, the teaser is delivered after it
 */
public record FullContentPolicy(FullContentMode defaultMode, Duration hold) {

    public FullContentMode modeFor(Trigger t) {
        return t.fullContent() != null ? t.fullContent() : defaultMode;
    }

    /** Until when the trigger's newly queued entries wait for their articles; null when it never fetches any. */
    public Instant holdUntil(Trigger t, Instant now) {
        return modeFor(t) == FullContentMode.NEVER ? null : now.plus(hold);
    }

    /** Whether an entry whose feed content has this much text is worth a page fetch under the mode. */
    public static boolean wants(FullContentMode mode, int feedTextLength) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> feedTextLength < FullContentMode.TEASER_CHARS;
        };
    }

    /** Characters of text once the markup is stripped (whitespace runs count as one). */
    public static int textLength(String html) {
        if (html == null || html.isBlank()) {
            return 0;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip().replaceAll("\\s+", " ").length();
        }
        return Jsoup.parseBodyFragment(html).text().length();
    }
}
