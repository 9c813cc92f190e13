package org.triggerhappy.camel.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.LedgerSettings;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.entries.EntryKeys;
import org.triggerhappy.camel.entries.FeedParseException;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.entries.Hashes;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.entries.LedgerMatch;
import org.triggerhappy.camel.entries.ParsedFeed;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchResult;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.persistence.FeedState;
import org.triggerhappy.camel.persistence.FeedStateRepository;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.PollRecords;
import org.triggerhappy.camel.persistence.Trigger;
import org.triggerhappy.camel.persistence.TriggerLeaseRepository;
import org.triggerhappy.camel.persistence.TriggerRepository;

/**
 * Refreshes one trigger's feed, top to bottom like Miniflux's RefreshFeed: conditional fetch → unchanged? →
 * parse → keys → ledger → outbox, all new entries recorded in one transaction with their outbox rows, so an
 * entry is either recorded and queued, or neither. Returns the new entries as {@link EntryMessage}s. A failing
 * feed never throws: its reason goes to the log and to the trigger's result, and the cycle goes on.
 */
public final class FeedRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(FeedRefresher.class);

    private final FeedFetcher fetcher;
    private final HostLimiter hosts;
    private final FeedParser parser;
    private final PollSchedule schedule;
    private final ZoneId zone;
    private final Outcomes outcomes;
    private final InFlight inFlight;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final PollRecords records;
    private final TriggerLeaseRepository leases;
    private final TriggerRepository triggers;
    private final UnchangedPolls unchangedPolls;
    private final FullContentPolicy articles;
    private final LedgerSettings rules;
    private volatile boolean crossFeedDedup = true;

    /**
     * @param owner this instance's name in trigger leases
     * @param lease how long one refresh may hold a trigger before another instance may take it
     * @param batch unchanged polls recorded per statement
     * @param articles which triggers' new entries wait for their full articles (see {@link FullArticles})
     * @param rules    which new entries a poll delivers (flood guard, at most so many per poll)
     */
    public FeedRefresher(DataSource ds, FeedFetcher fetcher, HostLimiter hosts, FeedParser parser, PollSchedule schedule, ZoneId zone,
                         Outcomes outcomes, InFlight inFlight, Clock clock, String owner, Duration lease, int batch,
                         FullContentPolicy articles, LedgerSettings rules) {
        this.fetcher = fetcher;
        this.hosts = hosts;
        this.parser = parser;
        this.schedule = schedule;
        this.zone = zone;
        this.outcomes = outcomes;
        this.inFlight = inFlight;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.records = new PollRecords(ds);
        this.leases = new TriggerLeaseRepository(ds);
        this.triggers = new TriggerRepository(ds);
        this.unchangedPolls = new UnchangedPolls(records, batch);
        this.articles = articles;
        this.rules = rules;
    }

    /** TH_CROSS_FEED_DEDUP: one note per article and notebook of a user (on unless switched off here). */
    public void dedupAcrossFeeds(boolean on) {
        this.crossFeedDedup = on;
    }

    /** Called by the poll route once per due trigger, on a fetch worker. */
    public List<Map<String, Object>> poll(DueTrigger due) {
        Trigger t = due.trigger();
        try {
            // Another instance (or an earlier cycle still running) may hold this trigger: skip it quietly.
            Optional<FeedState> claimed = due.claim();
            if (claimed.isEmpty()) {
                return List.of();
            }
            outcomes.triggerPolled();
            return refresh(t, claimed);
        } catch (RuntimeException e) {
            // A database outage or a bug must not stop the other triggers of the cycle.
            outcomes.feedFailed("internal-error");
            LOG.error("trigger refresh failed trigger_id={} user_id={} feed_url={} error=\"{}\"", t.triggerId(),
                    t.userId(), Masked.url(t.feedUrl()), Masked.text(e.getMessage()), Masked.exception(e));
            releaseAfterFailure(t);
            return List.of();
        }
    }

    /** Called when the cycle's fetches are done: records the unchanged polls still waiting for their batch. */
    public void flush() {
        unchangedPolls.flush();
    }

    /**
     * A refresh cut short (the database went away mid-way) gives its trigger back so that the next tick retries it,
     * rather than leaving it leased until the lease runs out. Best effort: a few tries while the pool reconnects.
     */
    private void releaseAfterFailure(Trigger t) {
        try {
            leases.release(t.triggerId(), owner);
        } catch (RuntimeException e) {
            LOG.warn("trigger lease not released, the trigger is polled again when it runs out trigger_id={}"
                    + " lease={} error=\"{}\"", t.triggerId(), lease, e.getMessage());
        }
    }

    private List<Map<String, Object>> refresh(Trigger t, Optional<FeedState> state) {
        // A trigger is on its first poll when we never polled its current URL.
        boolean firstPoll = state.map(s -> !s.url().equals(t.feedUrl())).orElse(true);
        Instant now = clock.instant();
        FetchResult r;
        try {
            String etag = firstPoll ? null : state.get().etag();
            String lastModified = firstPoll ? null : state.get().lastModified();
            r = hosts.withPermit(t.feedUrl(), () -> fetcher.fetch(t.feedUrl(), etag, lastModified));
        } catch (FetchException e) {
            return failed(t, state, now, "fetch-" + e.kind().name().toLowerCase(), "feed error: " + e.getMessage(),
                    e.retryAfter().orElse(null), e.kind() == FetchException.Kind.GONE);
        }
        if (r.status() == 304) {
            unchanged(t, state.get(), now, r, "304");
            return List.of();
        }
        String bodyHash = Hashes.sha256Hex(r.body());
        if (!firstPoll && bodyHash.equals(state.get().bodyHash())) {
            unchanged(t, state.get(), now, r, "200-unchanged");
            return List.of();
        }
        ParsedFeed feed;
        try {
            feed = parser.parse(r.body(), r.contentType(), r.finalUrl());
        } catch (FeedParseException e) {
            return failed(t, state, now, "parse-error", "feed error: " + e.getMessage(), null, false);
        }
        String url = storedUrl(t, r);
        EntryShaping shaping;
        try {
            shaping = EntryShaping.of(t, feed, zone);
        } catch (IllegalArgumentException e) {
            return failed(t, state, now, "rules-error", "trigger rules: " + e.getMessage(), null, false);
        }
        // A full reading that left entries for later stored no body hash: this poll continues that backlog.
        boolean backlog = !firstPoll && state.get().bodyHash() == null;
        List<Map<String, Object>> messages = record(t, feed, shaping, firstPoll, backlog, now, r, bodyHash, url);
        messages.forEach(m -> inFlight.add(EntryMessage.outboxId(m)));
        return messages;
    }

    /** A leading run of permanent redirects moves the trigger to the new URL (when it fits django-th's column). */
    private String storedUrl(Trigger t, FetchResult r) {
        String moved = r.permanentUrl();
        if (moved == null || moved.equals(t.feedUrl()) || moved.length() > 255) {
            return t.feedUrl();
        }
        LOG.info("feed moved permanently trigger_id={} feed_url={} new_url={}", t.triggerId(),
                Masked.url(t.feedUrl()), Masked.url(moved));
        return moved;
    }

    private List<Map<String, Object>> record(Trigger t, ParsedFeed feed, EntryShaping shaping, boolean firstPoll,
                                             boolean backlog, Instant now, FetchResult r, String bodyHash, String url) {
        List<KeyedEntry> keyed = EntryKeys.assign(feed.entries());
        FirstPollWindow window = FirstPollWindow.of(t.dateTriggered(), t.dateCreated(), zone, now);
        boolean dedup = crossFeedDedup;
        PollRecords.Reading reading = new PollRecords.Reading(t.triggerId(), t.userId(), t.feedUrl(), url, firstPoll,
                now, schedule.afterSuccess(now, feed.ttl(), r.maxAge(), t.interval()), r.etag(), r.lastModified(),
                bodyHash, feed.title(), articles.holdUntil(t, clock.instant()), dedup);
        PollRecords.Recorded<PollPlan> done = records.recordReading(reading, LedgerMatch.candidateKeys(keyed),
                known -> PollPlan.of(keyed, known, firstPoll, window, now, t.dateTriggered(), rules, backlog, shaping,
                        dedup));
        PollLog.flood(t, keyed.size(), done.plan());
        List<Map<String, Object>> messages = new ArrayList<>(done.queued().size());
        for (PollRecords.Queued q : done.queued()) {
            OutboxRepository.NewItem i = q.item();
            messages.add(EntryMessage.of(q.outboxId(), t.triggerId(), t.userId(), url, i.title(), i.link(), i.guid(),
                    i.published(), i.content()));
        }
        outcomes.feedRead(done.recorded(), messages.size(), done.filtered(), done.duplicates());
        PollLog.polled(t, feed.entries().size(), done, window, firstPoll, rules.maxNewPerPoll());
        return messages;
    }

    private void unchanged(Trigger t, FeedState s, Instant now, FetchResult r, String status) {
        Instant next = schedule.afterSuccess(now, null, r.maxAge(), t.interval());
        unchangedPolls.add(new FeedStateRepository.Unchanged(t.triggerId(), now, next, r.etag(), r.lastModified(),
                status));
        outcomes.feedUnchanged(status);
        LOG.debug("feed not modified trigger_id={} feed_url={} status={}", t.triggerId(), Masked.url(t.feedUrl()),
                status);
    }

    private List<Map<String, Object>> failed(Trigger t, Optional<FeedState> state, Instant now, String status,
                                             String error, Duration retryAfter, boolean gone) {
        // Stored in django-th's result (shown by its UI, the status page and the CLI) and logged: masked once here.
        String message = Masked.text(error);
        outcomes.feedFailed(status);
        int failures = state.map(FeedState::consecutiveFailures).orElse(0) + 1;
        Instant next = schedule.afterFailure(now, failures, retryAfter);
        records.recordFailure(t.triggerId(), now, next, failures, status, message);
        if (gone) {
            triggers.disable(t.triggerId(), message + " (the feed is gone for good: trigger switched off)");
        }
        LOG.warn("feed failed trigger_id={} user_id={} feed_url={} consecutive_failures={} next_check={} error=\"{}\"",
                t.triggerId(), t.userId(), Masked.url(t.feedUrl()), failures, next, message);
        return List.of();
    }
}
