package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what one poll cycle did and logs one summary line at its end, so an operator sees progress without
 * reading per-feed lines.
 */
public final class PollCycle {
    private static final Logger LOG = LoggerFactory.getLogger(PollCycle.class);

    private final AtomicInteger polled = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger newEntries = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger filtered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong startedNanos = new AtomicLong();
    private volatile java.time.Instant startedAt = java.time.Instant.EPOCH;
    private final AtomicLong cycles = new AtomicLong();
    private volatile Summary last;
    private volatile java.util.function.IntSupplier notesWritten = () -> 0;
    private final AtomicInteger writtenAtLastEnd = new AtomicInteger();
    private volatile Consumer<Summary> onEnd = s -> { };
    // Liveness: when the running cycle last took or finished a trigger (nanoTime); -1 when no cycle runs.
    private final AtomicLong progressNanos = new AtomicLong(-1);

    /** The figures of a finished cycle. */
    /**
     * The figures of a finished cycle; {@code filtered}: new entries the triggers' keep/block rules removed;
     * {@code crossFeedDuplicates}: new entries not queued because another trigger delivers the same article.
     */
    public record Summary(long cycle, int polled, int notModified, int failed, int newEntries, int queued,
                          Duration duration, int filtered, int crossFeedDuplicates) {
    }

    public void begin() {
        polled.set(0);
        notModified.set(0);
        failed.set(0);
        newEntries.set(0);
        queued.set(0);
        filtered.set(0);
        duplicates.set(0);
        startedNanos.set(System.nanoTime());
        startedAt = java.time.Instant.now();
        progressNanos.set(System.nanoTime());
    }

    /** How long the running cycle has gone without taking or finishing a trigger; zero when no cycle runs. */
    public Duration sinceProgress() {
        long at = progressNanos.get();
        return at < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - at);
    }

    private void progressed() {
        progressNanos.updateAndGet(at -> at < 0 ? at : System.nanoTime());
    }

    /** When the current (or last) cycle began. */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    public void end() {
        progressNanos.set(-1);
        Summary s = new Summary(cycles.incrementAndGet(), polled.get(), notModified.get(), failed.get(),
                newEntries.get(), queued.get(), Duration.ofNanos(System.nanoTime() - startedNanos.get()),
                filtered.get(), duplicates.get());
        last = s;
        onEnd.accept(s);
        int writtenNow = notesWritten.getAsInt();
        // Deliveries run beside the polls, so this counts notes written since the previous summary line.
        int writtenSince = writtenNow - writtenAtLastEnd.getAndSet(writtenNow);
        LOG.info("poll cycle done cycle={} triggers_polled={} not_modified={} failures={} new_entries={} queued_notes={}"
                        + " filtered={} cross_feed_duplicates={} notes_written={} duration_ms={}", s.cycle(), s.polled(),
                s.notModified(), s.failed(), s.newEntries(), s.queued(), s.filtered(), s.crossFeedDuplicates(),
                writtenSince, s.duration().toMillis());
    }

    /** Called with each finished cycle's figures (the metrics use it). */
    public void onEnd(Consumer<Summary> listener) {
        this.onEnd = listener;
    }

    /** Where the summary line reads the number of notes written so far. */
    public void countNotesWith(java.util.function.IntSupplier written) {
        this.notesWritten = written;
    }

    public Summary last() {
        return last;
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

    void filtered(int byRules, int crossFeed) {
        filtered.addAndGet(byRules);
        duplicates.addAndGet(crossFeed);
    }

    void found(int entries, int queuedNotes) {
        newEntries.addAndGet(entries);
        queued.addAndGet(queuedNotes);
        progressed();
    }
}
