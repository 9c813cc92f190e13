package org.triggerhappy.camel.entries;

import java.time.Duration;
import java.util.List;

/**
 * A trigger's keep and block rules: an entry matching any block rule is removed; then, when there are keep rules,
 * an entry matching none of them is removed. Evaluation is bounded twice: each field is searched in its first
 * {@link #INPUT_MAX} characters, and all rules of one entry together get {@link #ENTRY_BUDGET}. An entry whose rules
 * run out of time (or out of stack: deep backtracking) is kept, as an unwanted note is better than a lost article,
 * and the verdict names the rule.
 */
public final class EntryRules {
    public static final int INPUT_MAX = 1 << 20;
    public static final Duration ENTRY_BUDGET = Duration.ofMillis(500);
    public static final EntryRules NONE = new EntryRules(List.of(), List.of(), ENTRY_BUDGET);

    private final List<EntryRule> keep;
    private final List<EntryRule> block;
    private final long budgetNanos;

    /**
     * What the rules say about one entry.
     *
     * @param rule     the rule that removed it, or the rule that ran out of time; null when none
     * @param timedOut the entry was kept because {@code rule} ran out of time
     */
    public record Verdict(boolean kept, EntryRule rule, boolean timedOut) {
        public static final Verdict KEPT = new Verdict(true, null, false);

        /** Why a keep rule list removed an entry that matched none of them. */
        public String reason() {
            if (rule != null) {
                return (timedOut ? "timed out: " : "") + rule.text();
            }
            return kept ? "" : "no keep rule matched";
        }
    }

    EntryRules(List<EntryRule> keep, List<EntryRule> block, Duration budget) {
        this.keep = List.copyOf(keep);
        this.block = List.copyOf(block);
        this.budgetNanos = budget.toNanos();
    }

    /**
     * @throws IllegalArgumentException for the first invalid rule, naming it
     */
    public static EntryRules parse(List<String> keep, List<String> block) {
        return parse(keep, block, ENTRY_BUDGET);
    }

    static EntryRules parse(List<String> keep, List<String> block, Duration budget) {
        List<EntryRule> k = keep == null ? List.of() : keep.stream().map(EntryRule::parse).toList();
        List<EntryRule> b = block == null ? List.of() : block.stream().map(EntryRule::parse).toList();
        return k.isEmpty() && b.isEmpty() && budget.equals(ENTRY_BUDGET) ? NONE : new EntryRules(k, b, budget);
    }

    public boolean isEmpty() {
        return keep.isEmpty() && block.isEmpty();
    }

    public Verdict judge(FeedEntry e) {
        if (isEmpty()) {
            return Verdict.KEPT;
        }
        long deadline = System.nanoTime() + budgetNanos;
        for (EntryRule r : block) {
            try {
                if (matches(r, e, deadline)) {
                    return new Verdict(false, r, false);
                }
            } catch (DeadlineText.Expired | StackOverflowError timeout) {
                return new Verdict(true, r, true);
            }
        }
        if (keep.isEmpty()) {
            return Verdict.KEPT;
        }
        for (EntryRule r : keep) {
            try {
                if (matches(r, e, deadline)) {
                    return Verdict.KEPT;
                }
            } catch (DeadlineText.Expired | StackOverflowError timeout) {
                return new Verdict(true, r, true);
            }
        }
        return new Verdict(false, null, false);
    }

    private static boolean matches(EntryRule r, FeedEntry e, long deadline) {
        for (String value : r.values(e)) {
            CharSequence bounded = value.length() > INPUT_MAX ? value.substring(0, INPUT_MAX) : value;
            if (r.pattern().matcher(new DeadlineText(bounded, deadline)).find()) {
                return true;
            }
        }
        return false;
    }
}
