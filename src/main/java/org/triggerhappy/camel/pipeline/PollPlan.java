package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.config.LedgerSettings;
import org.triggerhappy.camel.entries.ArticleLinks;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.KeyedEntry;
import org.triggerhappy.camel.entries.LedgerMatch;
import org.triggerhappy.camel.persistence.OutboxRepository.NewItem;
import org.triggerhappy.camel.persistence.PollRecords;
import org.triggerhappy.camel.persistence.PollRecords.Fate;
import org.triggerhappy.camel.persistence.PollRecords.NewEntry;

/**
 * A feed reading's {@link NewEntryPlan} with the trigger's rules applied, as the entries {@link PollRecords} writes:
 * an entry the rules drop is recorded as seen (filtered), so it never becomes a note later.
 */
final class PollPlan implements PollRecords.Plan {
    private final NewEntryPlan plan;
    private final int fresh;
    private final List<NewEntry> entries;

    private PollPlan(NewEntryPlan plan, int fresh, List<NewEntry> entries) {
        this.plan = plan;
        this.fresh = fresh;
        this.entries = entries;
    }

    /**
     * @param known     the ledger's answer: key → recorded suffix
     * @param crossFeed give queued entries their article key (TH_CROSS_FEED_DEDUP)
     */
    static PollPlan of(List<KeyedEntry> keyed, Map<String, String> known, boolean firstPoll, FirstPollWindow window,
                       Instant now, Instant lastSuccess, LedgerSettings rules, boolean backlog, EntryShaping shaping,
                       boolean crossFeed) {
        List<KeyedEntry> fresh = new ArrayList<>();
        for (KeyedEntry k : keyed) {
            if (!LedgerMatch.isKnown(k, known)) {
                fresh.add(k);
            }
        }
        NewEntryPlan plan = NewEntryPlan.of(fresh, keyed.size(), firstPoll, window, now, lastSuccess,
                rules.floodGuard(), backlog, rules.maxNewPerPoll());
        List<NewEntry> entries = new ArrayList<>(plan.decisions().size());
        for (NewEntryPlan.Decision d : plan.decisions()) {
            KeyedEntry k = d.entry();
            FeedEntry e = k.entry();
            Fate fate = switch (d.fate()) {
                case LATER -> null;
                case QUEUE -> Fate.QUEUE;
                case WAIT -> Fate.WAIT;
                case SEEN -> Fate.SEEN;
            };
            if (fate == null) {
                continue;
            }
            if (fate != Fate.SEEN && !shaping.keeps(e)) {
                fate = Fate.FILTERED;
            }
            NewItem item = fate == Fate.QUEUE || fate == Fate.WAIT
                    ? new NewItem(k.ledgerKey(), e.guid(), e.link(), shaping.title(e), e.contentHtml(), e.published(),
                    fate == Fate.WAIT ? e.published() : null)
                    : null;
            String article = crossFeed && fate == Fate.QUEUE ? ArticleLinks.key(e.link()) : null;
            entries.add(new NewEntry(k.ledgerKey(), k.suffix(), fate, item, article));
        }
        return new PollPlan(plan, fresh.size(), entries);
    }

    @Override
    public List<NewEntry> entries() {
        return entries;
    }

    @Override
    public boolean complete() {
        return later() == 0;
    }

    /** Entries left for the next poll (TH_MAX_NEW_PER_POLL). */
    int later() {
        return plan.count(NewEntryPlan.Fate.LATER);
    }

    /** The flood guard held back this reading's older entries. */
    boolean flood() {
        return plan.flood();
    }

    /** Entries the ledger did not know. */
    int fresh() {
        return fresh;
    }

    int count(NewEntryPlan.Fate fate) {
        return plan.count(fate);
    }
}
