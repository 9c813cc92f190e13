package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.triggerhappy.camel.entries.KeyedEntry;

/**
 * What one poll does with each entry the ledger does not know yet:
 * <ul>
 * <li>first poll: {@link Fate#QUEUE} inside the {@link FirstPollWindow}, {@link Fate#WAIT} when dated in the future
 * (delivered once that date has passed), else {@link Fate#SEEN};</li>
 * <li>a flood (after the first poll, at least {@value #FLOOD_MIN} new entries and more than half of the feed, with
 * the guard on): only entries dated after the trigger's last successful poll are queued, the rest are seen;</li>
 * <li>otherwise every new entry is queued.</li>
 * </ul>
 */
public final class NewEntryPlan {
    /** Fewer new entries than this are never a flood: a small feed may well renew itself between two polls. */
    public static final int FLOOD_MIN = 20;

    public enum Fate { QUEUE, WAIT, SEEN }

    /** One new entry and what becomes of it. */
    public record Decision(KeyedEntry entry, Fate fate) {
    }

    private final List<Decision> decisions;
    private final boolean flood;

    private NewEntryPlan(List<Decision> decisions, boolean flood) {
        this.decisions = decisions;
        this.flood = flood;
    }

    /**
     * @param fresh       the poll's entries the ledger does not know, in feed order
     * @param feedSize    how many entries the feed holds
     * @param lastSuccess the trigger's last successful poll (django-th's date_triggered), null when unknown
     */
    public static NewEntryPlan of(List<KeyedEntry> fresh, int feedSize, boolean firstPoll, FirstPollWindow window,
                                  Instant now, Instant lastSuccess, boolean floodGuard) {
        boolean flood = !firstPoll && floodGuard && lastSuccess != null && fresh.size() >= FLOOD_MIN
                && 2L * fresh.size() > feedSize;
        List<Decision> out = new ArrayList<>(fresh.size());
        for (KeyedEntry k : fresh) {
            Instant published = k.entry().published();
            Fate fate;
            if (firstPoll) {
                fate = window.contains(published) ? Fate.QUEUE
                        : published != null && published.isAfter(now) ? Fate.WAIT : Fate.SEEN;
            } else if (flood) {
                fate = published != null && published.isAfter(lastSuccess) ? Fate.QUEUE : Fate.SEEN;
            } else {
                fate = Fate.QUEUE;
            }
            out.add(new Decision(k, fate));
        }
        return new NewEntryPlan(out, flood);
    }

    public List<Decision> decisions() {
        return decisions;
    }

    /** The flood guard held back this poll's older entries. */
    public boolean flood() {
        return flood;
    }

    public int count(Fate fate) {
        return (int) decisions.stream().filter(d -> d.fate() == fate).count();
    }
}
