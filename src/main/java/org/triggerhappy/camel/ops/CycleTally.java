package org.triggerhappy.camel.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of the running poll cycle, for its summary line, and when it last moved (for the liveness check).
 * Fed by {@link OutcomeReport}.
 */
final class CycleTally {
    private final AtomicInteger polled = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger newEntries = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger filtered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong startedNanos = new AtomicLong();
    private volatile Instant startedAt = Instant.EPOCH;
    private final AtomicLong cycles = new AtomicLong();
    // Liveness: when the running cycle last took or finished a trigger (nanoTime); -1 when no cycle runs.
    private final AtomicLong progressNanos = new AtomicLong(-1);

    void begin() {
        polled.set(0);
        notModified.set(0);
        failed.set(0);
        newEntries.set(0);
        queued.set(0);
        filtered.set(0);
        duplicates.set(0);
        startedNanos.set(System.nanoTime());
        startedAt = Instant.now();
        progressNanos.set(System.nanoTime());
    }

    CycleSummary end() {
        progressNanos.set(-1);
        return new CycleSummary(cycles.incrementAndGet(), polled.get(), notModified.get(), failed.get(),
                newEntries.get(), queued.get(), Duration.ofNanos(System.nanoTime() - startedNanos.get()),
                filtered.get(), duplicates.get());
    }

    /** How long the running cycle has gone without taking or finishing a trigger; zero when no cycle runs. */
    Duration sinceProgress() {
        long at = progressNanos.get();
        return at < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - at);
    }

    /** When the current (or last) cycle began. */
    Instant startedAt() {
        return startedAt;
    }

    void polled() {
        polled.incrementAndGet();
        progressed();
    }

    void notModified() {
        notModified.incrementAndGet();
        progressed();
    }

    void failed() {
        failed.incrementAndGet();
        progressed();
    }

    void read(int entries, int queuedNotes, int byRules, int crossFeed) {
        newEntries.addAndGet(entries);
        queued.addAndGet(queuedNotes);
        filtered.addAndGet(byRules);
        duplicates.addAndGet(crossFeed);
        progressed();
    }

    private void progressed() {
        progressNanos.updateAndGet(at -> at < 0 ? at : System.nanoTime());
    }
}
