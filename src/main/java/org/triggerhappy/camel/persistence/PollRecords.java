package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What one poll of a feed leaves in the database, each outcome in one transaction: a feed read in full (ledger,
 * outbox, feed state and django-th's trigger together, so an entry is either recorded and queued, or neither), a
 * failed poll, and the polls that found their feed unchanged.
 */
public final class PollRecords {
    private final DataSource ds;
    private final FeedStateRepository states = new FeedStateRepository();
    private final LedgerRepository ledger = new LedgerRepository();
    private final ArticleClaimRepository articles = new ArticleClaimRepository();
    private final OutboxRepository outbox;
    private final TriggerRepository triggers;
    private final RssFeedRepository feeds;

    public PollRecords(DataSource ds) {
        this.ds = ds;
        this.outbox = new OutboxRepository(ds);
        this.triggers = new TriggerRepository(ds);
        this.feeds = new RssFeedRepository(ds);
    }

    /**
     * A feed read in full.
     *
     * @param storedUrl  the URL to keep for the trigger (a permanent redirect's target, else {@code feedUrl})
     * @param holdUntil  queued entries are not delivered before this (their full articles are fetched meanwhile);
     *                   null: at once
     * @param dedupAcrossFeeds one note per article and notebook of the user (TH_CROSS_FEED_DEDUP)
     */
    public record Reading(int triggerId, int userId, String feedUrl, String storedUrl, boolean firstPoll, Instant at,
                          Instant nextCheck, String etag, String lastModified, String bodyHash, String feedTitle,
                          Instant holdUntil, boolean dedupAcrossFeeds) {
    }

    /** What becomes of a new entry: queued now, waiting in the outbox for its date, seen only, or filtered out. */
    public enum Fate { QUEUE, WAIT, SEEN, FILTERED }

    /**
     * One entry the poll records in the ledger.
     *
     * @param item       its outbox row (same key), for QUEUE and WAIT; null otherwise
     * @param articleKey the linked article's key for the cross-feed check, null when it has none or none is made
     */
    public record NewEntry(String key, String suffix, Fate fate, OutboxRepository.NewItem item, String articleKey) {
    }

    /** The poll's decision on the entries the ledger does not know; entries left for a later poll are not in it. */
    public interface Plan {
        List<NewEntry> entries();

        /** False when entries were left for the next poll: that one must read the whole feed again. */
        boolean complete();
    }

    /** An entry queued for delivery under its outbox id. */
    public record Queued(long outboxId, OutboxRepository.NewItem item) {
    }

    /**
     * What {@link #recordReading} did.
     *
     * @param recorded   keys this call added to the ledger (another poller may have recorded some a moment ago)
     * @param filtered   of those, the entries the trigger's rules dropped
     * @param duplicates entries another trigger of the user already delivers into the same notebook
     * @param waiting    entries waiting in the outbox for their date
     */
    public record Recorded<P extends Plan>(P plan, int recorded, int filtered, int duplicates, int waiting,
                                           List<Queued> queued) {
    }

    /**
     * Records a feed read in full in one transaction: reads which of {@code candidateKeys} the ledger knows, lets
     * {@code planner} decide on the rest with that answer, and writes the outcome.
     */
    public <P extends Plan> Recorded<P> recordReading(Reading r, Collection<String> candidateKeys,
                                                      Function<Map<String, String>, P> planner) {
        return Jdbc.inTransaction(ds, c -> {
            LedgerRepository.Seen seen = ledger.seen(c, r.triggerId(), candidateKeys);
            ledger.touch(c, r.triggerId(), seen.stale());
            P plan = planner.apply(seen.suffixes());
            List<LedgerRepository.NewKey> rows = new ArrayList<>(plan.entries().size());
            for (NewEntry e : plan.entries()) {
                // A filtered entry is recorded as seen, so it never becomes a note later.
                boolean deliver = e.fate() == Fate.QUEUE || e.fate() == Fate.WAIT;
                rows.add(new LedgerRepository.NewKey(e.key(), e.suffix(), deliver));
            }
            // One statement each for the ledger and the outbox: a first poll of a big feed is one round trip, not 2N.
            Set<String> inserted = ledger.recordAll(c, r.triggerId(), rows);
            int filtered = 0;
            List<NewEntry> toQueue = new ArrayList<>();
            List<NewEntry> toWait = new ArrayList<>();
            for (NewEntry e : plan.entries()) {
                if (!inserted.contains(e.key())) {
                    continue;
                }
                switch (e.fate()) {
                    case QUEUE -> toQueue.add(e);
                    case WAIT -> toWait.add(e);
                    case FILTERED -> filtered++;
                    default -> { }
                }
            }
            int duplicates = 0;
            if (r.dedupAcrossFeeds() && !toQueue.isEmpty()) {
                int before = toQueue.size();
                toQueue = firstDeliveries(c, r, toQueue);
                duplicates = before - toQueue.size();
            }
            Map<String, Long> ids = outbox.insertAll(c, r.triggerId(), r.userId(), r.storedUrl(), items(toQueue),
                    r.holdUntil());
            int waiting = outbox.insertAll(c, r.triggerId(), r.userId(), r.storedUrl(), items(toWait), null).size();
            if (!r.storedUrl().equals(r.feedUrl())) {
                feeds.setUrl(c, r.triggerId(), r.storedUrl());
            }
            // Entries left for later: no validators nor body hash, so the next poll reads the whole feed again.
            boolean whole = plan.complete();
            states.recordSuccess(c, r.triggerId(), r.storedUrl(), r.firstPoll(), r.at(), r.nextCheck(),
                    whole ? r.etag() : null, whole ? r.lastModified() : null, whole ? r.bodyHash() : null, "200",
                    inserted.size(), r.feedTitle());
            triggers.pollSucceeded(c, r.triggerId(), r.at());
            List<Queued> queued = new ArrayList<>(toQueue.size());
            toQueue.forEach(e -> queued.add(new Queued(ids.get(e.key()), e.item())));
            return new Recorded<>(plan, inserted.size(), filtered, duplicates, waiting, queued);
        });
    }

    /**
     * One note per article: of the entries about to be queued, those whose article no other trigger of the user
     * already delivers into the same notebook; the others stay recorded as seen, not queued.
     */
    private List<NewEntry> firstDeliveries(Connection c, Reading r, List<NewEntry> entries) throws SQLException {
        List<String> keys = new ArrayList<>();
        entries.stream().filter(e -> e.articleKey() != null).forEach(e -> keys.add(e.articleKey()));
        if (keys.isEmpty()) {
            return entries;
        }
        Set<String> held = articles.claim(c, r.triggerId(), r.userId(), keys);
        List<NewEntry> kept = new ArrayList<>(entries.size());
        List<String> notQueued = new ArrayList<>();
        for (NewEntry e : entries) {
            if (e.articleKey() == null || held.contains(e.articleKey())) {
                kept.add(e);
            } else {
                notQueued.add(e.key());
            }
        }
        ledger.markNotQueued(c, r.triggerId(), notQueued);
        return kept;
    }

    private static List<OutboxRepository.NewItem> items(List<NewEntry> entries) {
        List<OutboxRepository.NewItem> items = new ArrayList<>(entries.size());
        entries.forEach(e -> items.add(e.item()));
        return items;
    }

    /** A failed fetch or parse: the feed state and django-th's trigger (its result shows the reason) together. */
    public void recordFailure(int triggerId, Instant at, Instant nextCheck, int failures, String status,
                              String message) {
        Jdbc.inTransaction(ds, c -> {
            states.recordFailure(c, triggerId, at, nextCheck, failures, status, message);
            triggers.pollFailed(c, triggerId, at, message);
            return null;
        });
    }

    /** Polls that found their feeds unchanged, in one statement (see {@link FeedStateRepository#recordUnchanged}). */
    public void recordUnchanged(List<FeedStateRepository.Unchanged> polls) {
        Jdbc.withConnection(ds, c -> {
            states.recordUnchanged(c, polls);
            return null;
        });
    }
}
