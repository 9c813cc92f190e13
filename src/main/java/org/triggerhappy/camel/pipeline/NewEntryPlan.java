package org.triggerhappy.camel.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Of those to queue or wait, at most {@code cap} per poll, oldest first; the others are {@link Fate#LATER}: not
 * recorded at all, so the next poll finds them new again (and is no flood for them).
 */
public final class NewEntryPlan {
    /** Fewer new entries than this are never a flood: a small feed may well renew itself between two polls. */
    public static final int FLOOD_MIN = 20;

    public enum Fate { QUEUE, WAIT, SEEN, LATER }

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
     * @param backlog     the previous poll left entries for this one: they are not a flood
     */
    public static NewEntryPlan of(List<KeyedEntry> fresh, int feedSize, boolean firstPoll, FirstPollWindow window,
                                  Instant now, Instant lastSuccess, boolean floodGuard, boolean backlog, int cap) {
        boolean flood = !firstPoll && !backlog && floodGuard && lastSuccess != null && fresh.size() >= FLOOD_MIN
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
        capped(out, cap);
        return new NewEntryPlan(out, flood);
    }

    /** Beyond {@code cap} entries to deliver, the newest are left for later (undated ones last). */
    private static void capped(List<Decision> decisions, int cap) {
        List<Integer> delivered = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Fate f = decisions.get(i).fate();
            if (f == Fate.QUEUE || f == Fate.WAIT) {
                delivered.add(i);
            }
        }
        if (delivered.size() <= cap) {
            return;
        }
        delivered.sort(Comparator.comparing((Integer i) -> decisions.get(i).entry().entry().published(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        for (int i : delivered.subList(cap, delivered.size())) {
            decisions.set(i, new Decision(decisions.get(i).entry(), Fate.LATER));
        }
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
