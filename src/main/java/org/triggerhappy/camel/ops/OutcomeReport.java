package org.triggerhappy.camel.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.pipeline.NoteOutcome;
import org.triggerhappy.camel.pipeline.Outcomes;

/**
 * The one listener of the pipeline's outcomes: each report goes to the running cycle's counts (its summary line at
 * the end of the cycle, so an operator sees progress without reading per-feed lines), to the notes' totals since
 * start (the {@code run --once} summary) and to the Prometheus series ({@link ServiceMetrics}).
 */
public final class OutcomeReport implements Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReport.class);

    private final ServiceMetrics metrics;
    private final CycleTally cycle = new CycleTally();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicInteger writtenAtLastEnd = new AtomicInteger();
    private volatile CycleSummary last;

    public OutcomeReport(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void cycleStarted() {
        cycle.begin();
    }

    @Override
    public void cycleEnded() {
        CycleSummary s = cycle.end();
        last = s;
        metrics.cycleDone(s.duration());
        int writtenNow = written.get();
        // Deliveries run beside the polls, so this counts notes written since the previous summary line.
        int writtenSince = writtenNow - writtenAtLastEnd.getAndSet(writtenNow);
        LOG.info("poll cycle done cycle={} triggers_polled={} not_modified={} failures={} new_entries={} queued_notes={}"
                        + " filtered={} cross_feed_duplicates={} notes_written={} duration_ms={}", s.cycle(), s.polled(),
                s.notModified(), s.failed(), s.newEntries(), s.queued(), s.filtered(), s.crossFeedDuplicates(),
                writtenSince, s.duration().toMillis());
    }

    @Override
    public void triggerPolled() {
        cycle.polled();
    }

    @Override
    public void feedUnchanged(String status) {
        cycle.notModified();
        metrics.fetched(status);
    }

    @Override
    public void feedFailed(String status) {
        cycle.failed();
        metrics.fetched(status);
    }

    @Override
    public void feedRead(int newEntries, int queued, int filtered, int crossFeedDuplicates) {
        cycle.read(newEntries, queued, filtered, crossFeedDuplicates);
        metrics.fetched("200");
        metrics.newEntries(newEntries);
    }

    @Override
    public void note(NoteOutcome outcome) {
        if (outcome == NoteOutcome.WRITTEN) {
            written.incrementAndGet();
        } else if (outcome == NoteOutcome.PARKED) {
            parked.incrementAndGet();
        } else if (outcome.deferred()) {
            deferred.incrementAndGet();
        }
        metrics.note(outcome.label());
    }

    /** The last finished cycle's figures; null before the first ends. */
    public CycleSummary lastCycle() {
        return last;
    }

    /** When the current (or last) cycle began. */
    public Instant cycleStartedAt() {
        return cycle.startedAt();
    }

    /** How long the running cycle has gone without taking or finishing a trigger; zero when no cycle runs. */
    public Duration sinceProgress() {
        return cycle.sinceProgress();
    }

    /** Notes written since start. */
    public int notesWritten() {
        return written.get();
    }

    /** Deliveries put off (rate limit, upload allowance, expired token, temporary trouble) since start. */
    public int notesDeferred() {
        return deferred.get();
    }

    /** Items parked for good (rejected by Evernote, trigger gone) since start. */
    public int notesParked() {
        return parked.get();
    }
}
