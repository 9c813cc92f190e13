package org.triggerhappy.camel.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flow's own threads and bounded queue: its copies of new entries wait here, so a slow or stuck flow holds up
 * nothing but itself. When the queue is full a copy is dropped (the note is not: delivery has its own path), with a
 * warning that names the flow, at most one line per {@link #WARN_EVERY_NANOS} with the count dropped meanwhile.
 */
final class FlowLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowLane.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String flow;
    private final Processor route;
    private final int capacity;
    private final ThreadPoolExecutor pool;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedUnreported = new AtomicLong();
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    FlowLane(String flow, Processor route, int threads, int capacity) {
        this.flow = flow;
        this.route = route;
        this.capacity = capacity;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, "th-flow-" + flow + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues the flow's copy of an entry, or drops it when the flow's queue is full. Never blocks. */
    void offer(Exchange copy) {
        try {
            pool.execute(() -> run(copy));
        } catch (RejectedExecutionException e) {
            dropped(copy);
        }
    }

    private void run(Exchange copy) {
        try {
            // A failure within the route is its error policy's to report (routes/flows.xml).
            route.process(copy);
        } catch (Exception e) {
            LOG.warn("flow failed flow={} trigger_id={} outbox_id={} error=\"{}\"", flow,
                    copy.getProperty(EntriesEndpoint.TRIGGER_ID), copy.getProperty(EntriesEndpoint.OUTBOX_ID),
                    e.getMessage());
        }
    }

    private void dropped(Exchange copy) {
        dropped.incrementAndGet();
        long unreported = droppedUnreported.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            droppedUnreported.addAndGet(-unreported);
            LOG.warn("flow queue full, entry dropped for this flow flow={} queue_size={} dropped={} dropped_total={}"
                            + " trigger_id={} outbox_id={} (the note is not affected)", flow, capacity, unreported,
                    dropped.get(), copy.getProperty(EntriesEndpoint.TRIGGER_ID),
                    copy.getProperty(EntriesEndpoint.OUTBOX_ID));
        }
    }

    long droppedTotal() {
        return dropped.get();
    }

    @Override
    public void close() {
        int waiting = pool.shutdownNow().size();
        if (waiting > 0) {
            LOG.info("flow stopped flow={} entries_not_processed={}", flow, waiting);
        }
    }
}
