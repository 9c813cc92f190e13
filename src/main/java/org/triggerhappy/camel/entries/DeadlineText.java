package org.triggerhappy.camel.entries;

/**
 * Text that stops a regex once a deadline has passed: java.util.regex reads its input through charAt, so a
 * backtracking pattern that would run for hours on a large entry gets {@link Expired} instead.
 */
final class DeadlineText implements CharSequence {
    /** Thrown from {@link #charAt} after the deadline. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("regex evaluation ran out of time", null, false, false);
        }
    }

    // Reading the clock on every charAt would cost more than the matching itself.
    private static final int CHECK_EVERY = 1 << 12;

    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    DeadlineText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads >= CHECK_EVERY) {
            reads = 0;
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new Expired();
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
