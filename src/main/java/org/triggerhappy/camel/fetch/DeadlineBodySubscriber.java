package org.triggerhappy.camel.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a blocking InputStream whose reads give up at a fixed deadline.
 * <p>
 * The JDK's BodySubscribers.ofInputStream() blocks without limit when a server stalls or drips bytes; this one waits
 * at most until the deadline, then cancels the subscription (which closes the connection) and throws
 * {@link DeadlineExceeded}. One buffer list is requested at a time, so a fast server cannot fill memory either.
 */
final class DeadlineBodySubscriber extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Thrown from read() when the deadline passes; an IOException so it travels through GZIPInputStream. */
    static final class DeadlineExceeded extends IOException {
        DeadlineExceeded() {
            super("body not complete before the deadline");
        }
    }

    private static final Object END = new Object();

    private final long deadlineNanos;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean finished;
    private volatile boolean closed;

    DeadlineBodySubscriber(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s) || closed) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("body stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (finished) {
                return -1;
            }
            takeNext();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private void takeNext() throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        Object item;
        try {
            item = remaining <= 0 ? null : queue.poll(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while reading the body", e);
        }
        if (item == null) {
            close();
            throw new DeadlineExceeded();
        }
        if (item == END) {
            finished = true;
        } else if (item instanceof Throwable t) {
            finished = true;
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        } else {
            buffers = ((List<ByteBuffer>) item).iterator();
            subscription.join().request(1);
        }
    }

    /** Cancels the exchange; the JDK then closes the connection instead of draining an unwanted body. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription.getNow(null);
        if (s != null && !finished) {
            s.cancel();
        }
    }
}
