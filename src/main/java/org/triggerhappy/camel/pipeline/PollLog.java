package org.triggerhappy.camel.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.persistence.PollRecords;
import org.triggerhappy.camel.persistence.Trigger;

/** The log lines of a feed read in full (logged as {@link FeedRefresher}'s). */
final class PollLog {
    private static final Logger LOG = LoggerFactory.getLogger(FeedRefresher.class);

    private PollLog() {
    }

    static void flood(Trigger t, int entries, PollPlan plan) {
        if (plan.flood()) {
            LOG.info("flood guard: most of the feed is new at once, only entries dated after the last poll are"
                    + " delivered, the others are recorded as seen trigger_id={} user_id={} feed_url={} entries={}"
                    + " new={} delivered={} last_poll={}", t.triggerId(), t.userId(), Masked.url(t.feedUrl()),
                    entries, plan.fresh(), plan.count(NewEntryPlan.Fate.QUEUE), t.dateTriggered());
        }
    }

    /**
     * Per trigger at DEBUG: the cycle's summary line is the INFO one; failures are WARN lines of their own,
     * and a poll that left entries for the next one (TH_MAX_NEW_PER_POLL) says so at INFO.
     */
    static void polled(Trigger t, int entries, PollRecords.Recorded<PollPlan> done, FirstPollWindow window,
                       boolean firstPoll, int maxNewPerPoll) {
        int later = done.plan().later();
        if (later == 0 && !LOG.isDebugEnabled()) {
            return;
        }
        String extra = " filtered=" + done.filtered() + " cross_feed_duplicates=" + done.duplicates()
                + (done.waiting() > 0 ? " waiting=" + done.waiting() : "") + (later > 0 ? " left_for_next_poll="
                + later + " max_new_per_poll=" + maxNewPerPoll : "");
        String first = firstPoll ? " first_poll=true window_from=" + window.from() : "";
        String line = "feed polled trigger_id={} user_id={} feed_url={} entries={} new={} queued={}{}{}";
        Object[] args = {t.triggerId(), t.userId(), Masked.url(t.feedUrl()), entries, done.recorded(),
            done.queued().size(), extra, first};
        if (later > 0) {
            LOG.info(line, args);
        } else {
            LOG.debug(line, args);
        }
    }
}
