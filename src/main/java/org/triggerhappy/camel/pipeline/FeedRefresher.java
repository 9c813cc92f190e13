package org.triggerhappy.camel.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
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
import org.triggerhappy.camel.entries.EntryKeys;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.FeedParseException;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.entries.Hashes;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.entries.LedgerMatch;
import org.triggerhappy.camel.entries.ParsedFeed;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchResult;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.HostLimiter;
import org.triggerhappy.camel.persistence.DjangoThRepository;
import org.triggerhappy.camel.persistence.FeedState;
import org.triggerhappy.camel.persistence.FeedStateRepository;
import org.triggerhappy.camel.persistence.Jdbc;
import org.triggerhappy.camel.persistence.LedgerRepository;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerRow;
import org.triggerhappy.camel.config.LedgerSettings;
import org.triggerhappy.camel.config.Masked;

/**
 * Refreshes one trigger's feed, top to bottom like Miniflux's RefreshFeed: conditional fetch → unchanged? →
 * parse → keys → ledger → outbox, all new entries recorded in one transaction with their outbox rows, so an
 * entry is either recorded and queued, or neither. Returns the new entries as {@link EntryMessage}s. A failing
 * feed never throws: its reason goes to the log and to the trigger's result, and the cycle goes on.
 */
public final class FeedRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(FeedRefresher.class);

    private final DataSource ds;
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
    private final FeedStateRepository states = new FeedStateRepository();
    private final LedgerRepository ledger = new LedgerRepository();
    private final OutboxRepository outbox;
    private final DjangoThRepository djangoTh;
    private final UnchangedPolls unchangedPolls;
    private final FullContentPolicy articles;
    private final LedgerSettings rules;
    private final CrossFeedDedup sameArticles = new CrossFeedDedup(ledger);
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
        this.ds = ds;
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
        this.outbox = new OutboxRepository(ds);
        this.djangoTh = new DjangoThRepository(ds);
        this.unchangedPolls = new UnchangedPolls(ds, batch);
        this.articles = articles;
        this.rules = rules;
    }

    /** TH_CROSS_FEED_DEDUP: one note per article and notebook of a user (on unless switched off here). */
    public void dedupAcrossFeeds(boolean on) {
        this.crossFeedDedup = on;
    }

    /** Called by the poll route once per due trigger, on a fetch worker. */
    public List<Map<String, Object>> poll(DueTrigger due) {
        TriggerRow t = due.row();
        try {
            // Another instance (or an earlier cycle still running) may hold this trigger: skip it quietly.
            Optional<FeedState> claimed = due.claims().claim(due.index());
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
    private void releaseAfterFailure(TriggerRow t) {
        for (int attempt = 1; ; attempt++) {
            try {
                Jdbc.withConnection(ds, c -> {
                    try (var ps = c.prepareStatement("UPDATE thc_feed_state SET claimed_until = NULL, claimed_by = NULL"
                            + " WHERE trigger_id = ? AND claimed_by = ?")) {
                        ps.setInt(1, t.triggerId());
                        ps.setString(2, owner);
                        return ps.executeUpdate();
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    LOG.warn("trigger lease not released, the trigger is polled again when it runs out trigger_id={}"
                            + " lease={} error=\"{}\"", t.triggerId(), lease, e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Map<String, Object>> refresh(TriggerRow t, Optional<FeedState> state) {
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
    private String storedUrl(TriggerRow t, FetchResult r) {
        String moved = r.permanentUrl();
        if (moved == null || moved.equals(t.feedUrl()) || moved.length() > 255) {
            return t.feedUrl();
        }
        LOG.info("feed moved permanently trigger_id={} feed_url={} new_url={}", t.triggerId(),
                Masked.url(t.feedUrl()), Masked.url(moved));
        return moved;
    }

    private List<Map<String, Object>> record(TriggerRow t, ParsedFeed feed, EntryShaping shaping, boolean firstPoll,
                                             boolean backlog, Instant now, FetchResult r, String bodyHash, String url) {
        List<KeyedEntry> keyed = EntryKeys.assign(feed.entries());
        FirstPollWindow window = FirstPollWindow.of(t.dateTriggered(), t.dateCreated(), zone, now);
        int[] newCount = {0};
        int[] waiting = {0};
        int[] later = {0};
        int[] filtered = {0};
        int[] duplicates = {0};
        List<Map<String, Object>> messages = Jdbc.inTransaction(ds, c -> {
            LedgerRepository.Seen seen = ledger.seen(c, t.triggerId(), LedgerMatch.candidateKeys(keyed));
            Map<String, String> known = seen.suffixes();
            ledger.touch(c, t.triggerId(), seen.stale());
            List<KeyedEntry> fresh = new ArrayList<>();
            for (KeyedEntry k : keyed) {
                if (!LedgerMatch.isKnown(k, known)) {
                    fresh.add(k);
                }
            }
            NewEntryPlan plan = NewEntryPlan.of(fresh, keyed.size(), firstPoll, window, now, t.dateTriggered(),
                    rules.floodGuard(), backlog, rules.maxNewPerPoll());
            later[0] = plan.count(NewEntryPlan.Fate.LATER);
            List<LedgerRepository.NewKey> rows = new ArrayList<>();
            // The trigger's rules: a filtered entry is recorded as seen, so it never becomes a note later.
            java.util.Set<String> filteredKeys = new java.util.HashSet<>();
            for (NewEntryPlan.Decision d : plan.decisions()) {
                if (d.fate() == NewEntryPlan.Fate.LATER) {
                    continue;
                }
                boolean deliver = d.fate() != NewEntryPlan.Fate.SEEN;
                if (deliver && !shaping.keeps(d.entry().entry())) {
                    deliver = false;
                    filteredKeys.add(d.entry().ledgerKey());
                }
                rows.add(new LedgerRepository.NewKey(d.entry().ledgerKey(), d.entry().suffix(), deliver));
            }
            // One statement each for the ledger and the outbox: a first poll of a big feed is one round trip, not 2N.
            java.util.Set<String> inserted = ledger.recordAll(c, t.triggerId(), rows);
            newCount[0] = inserted.size();
            filtered[0] = (int) filteredKeys.stream().filter(inserted::contains).count();
            List<KeyedEntry> toQueue = new ArrayList<>();
            List<KeyedEntry> toWait = new ArrayList<>();
            for (NewEntryPlan.Decision d : plan.decisions()) {
                if (!inserted.contains(d.entry().ledgerKey()) || filteredKeys.contains(d.entry().ledgerKey())) {
                    continue;
                }
                switch (d.fate()) {
                    case QUEUE -> toQueue.add(d.entry());
                    case WAIT -> toWait.add(d.entry());
                    default -> { }
                }
            }
            if (crossFeedDedup && !toQueue.isEmpty()) {
                int before = toQueue.size();
                toQueue = sameArticles.firstDeliveries(c, t, toQueue);
                duplicates[0] = before - toQueue.size();
            }
            List<Map<String, Object>> out = enqueue(c, t, url, shaping, toQueue);
            waiting[0] = park(c, t, url, shaping, toWait);
            if (plan.flood()) {
                LOG.info("flood guard: most of the feed is new at once, only entries dated after the last poll are"
                        + " delivered, the others are recorded as seen trigger_id={} user_id={} feed_url={} entries={}"
                        + " new={} delivered={} last_poll={}", t.triggerId(), t.userId(), Masked.url(t.feedUrl()),
                        keyed.size(), fresh.size(), plan.count(NewEntryPlan.Fate.QUEUE), t.dateTriggered());
            }
            if (!url.equals(t.feedUrl())) {
                updateFeedUrl(c, t.triggerId(), url);
            }
            // Entries left for later: no validators nor body hash, so the next poll reads the whole feed again.
            boolean whole = later[0] == 0;
            states.recordSuccess(c, t.triggerId(), url, firstPoll, now,
                    schedule.afterSuccess(now, feed.ttl(), r.maxAge(), t.interval()), whole ? r.etag() : null,
                    whole ? r.lastModified() : null, whole ? bodyHash : null, "200", newCount[0], feed.title());
            djangoTh.pollSucceeded(c, t.triggerId(), now);
            return out;
        });
        outcomes.feedRead(newCount[0], messages.size(), filtered[0], duplicates[0]);
        // Per trigger at DEBUG: the cycle's summary line is the INFO one; failures are WARN lines of their own,
        // and a poll that left entries for the next one (TH_MAX_NEW_PER_POLL) says so at INFO.
        String extra = " filtered=" + filtered[0] + " cross_feed_duplicates=" + duplicates[0]
                + (waiting[0] > 0 ? " waiting=" + waiting[0] : "") + (later[0] > 0 ? " left_for_next_poll="
                + later[0] + " max_new_per_poll=" + rules.maxNewPerPoll() : "");
        String first = firstPoll ? " first_poll=true window_from=" + window.from() : "";
        if (later[0] > 0 || LOG.isDebugEnabled()) {
            String line = "feed polled trigger_id={} user_id={} feed_url={} entries={} new={} queued={}{}{}";
            Object[] args = {t.triggerId(), t.userId(), Masked.url(t.feedUrl()), feed.entries().size(), newCount[0],
                messages.size(), extra, first};
            if (later[0] > 0) {
                LOG.info(line, args);
            } else {
                LOG.debug(line, args);
            }
        }
        return messages;
    }

    private List<Map<String, Object>> enqueue(Connection c, TriggerRow t, String url, EntryShaping shaping,
                                              List<KeyedEntry> entries) throws SQLException {
        Map<String, Long> ids = outbox.insertAll(c, t.triggerId(), t.userId(), url, items(entries, shaping, false),
                articles.holdUntil(t, clock.instant()));
        List<Map<String, Object>> out = new ArrayList<>(entries.size());
        for (KeyedEntry k : entries) {
            FeedEntry e = k.entry();
            out.add(EntryMessage.of(ids.get(k.ledgerKey()), t.triggerId(), t.userId(), url, shaping.title(e), e.link(),
                    e.guid(), e.published(), e.contentHtml()));
        }
        return out;
    }

    /**
     * Entries of a first poll dated in the future wait in the outbox until their date; the sweeper hands them to
     * delivery then. No message now: nothing is published before its time.
     */
    private int park(Connection c, TriggerRow t, String url, EntryShaping shaping, List<KeyedEntry> entries)
            throws SQLException {
        return outbox.insertAll(c, t.triggerId(), t.userId(), url, items(entries, shaping, true), null).size();
    }

    private static List<OutboxRepository.NewItem> items(List<KeyedEntry> entries, EntryShaping shaping,
                                                        boolean untilPublished) {
        List<OutboxRepository.NewItem> items = new ArrayList<>(entries.size());
        for (KeyedEntry k : entries) {
            FeedEntry e = k.entry();
            items.add(new OutboxRepository.NewItem(k.ledgerKey(), e.guid(), e.link(), shaping.title(e),
                    e.contentHtml(), e.published(), untilPublished ? e.published() : null));
        }
        return items;
    }

    private static void updateFeedUrl(Connection c, int triggerId, String url) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE django_th_rss SET url = ? WHERE trigger_id = ?")) {
            ps.setString(1, url);
            ps.setInt(2, triggerId);
            ps.executeUpdate();
        }
    }

    private void unchanged(TriggerRow t, FeedState s, Instant now, FetchResult r, String status) {
        Instant next = schedule.afterSuccess(now, null, r.maxAge(), t.interval());
        unchangedPolls.add(new FeedStateRepository.Unchanged(t.triggerId(), now, next, r.etag(), r.lastModified(),
                status));
        outcomes.feedUnchanged(status);
        LOG.debug("feed not modified trigger_id={} feed_url={} status={}", t.triggerId(), Masked.url(t.feedUrl()),
                status);
    }

    private List<Map<String, Object>> failed(TriggerRow t, Optional<FeedState> state, Instant now, String status,
                                             String error, Duration retryAfter, boolean gone) {
        // Stored in django-th's result (shown by its UI, the status page and the CLI) and logged: masked once here.
        String message = Masked.text(error);
        outcomes.feedFailed(status);
        int failures = state.map(FeedState::consecutiveFailures).orElse(0) + 1;
        Instant next = schedule.afterFailure(now, failures, retryAfter);
        Jdbc.inTransaction(ds, c -> {
            states.recordFailure(c, t.triggerId(), now, next, failures, status, message);
            djangoTh.pollFailed(c, t.triggerId(), now, message);
            return null;
        });
        if (gone) {
            djangoTh.disable(t.triggerId(), message + " (the feed is gone for good: trigger switched off)");
        }
        LOG.warn("feed failed trigger_id={} user_id={} feed_url={} consecutive_failures={} next_check={} error=\"{}\"",
                t.triggerId(), t.userId(), Masked.url(t.feedUrl()), failures, next, message);
        return List.of();
    }
}
