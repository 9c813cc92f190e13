package org.triggerhappy.camel.notes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the images of one note a few at a time (the calling thread is one of the workers), within one deadline
 * for the whole note. A failed, slow or throwing download is just missing from the result. Thread-safe; share one.
 */
final class ImageDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDownloads.class);

    private final ImageSource source;
    private final int perNote;
    private final Duration noteDeadline;
    private final ThreadPoolExecutor pool;

    /**
     * @param perNote      downloads of one note running at the same time
     * @param noteDeadline no new download of a note starts after this much time, and the note waits no longer
     */
    ImageDownloads(ImageSource source, int perNote, Duration noteDeadline) {
        this.source = source;
        this.perNote = Math.max(1, perNote);
        this.noteDeadline = noteDeadline;
        AtomicInteger threads = new AtomicInteger();
        // No queue: when every thread is busy the caller runs the extra worker itself, so a note never waits idle.
        this.pool = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "note-images-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** The images that arrived in time, by requested URL. */
    Map<String, FetchedImage> fetch(List<String> urls) {
        long deadline = System.nanoTime() + noteDeadline.toNanos();
        Queue<String> queue = new ConcurrentLinkedQueue<>(urls);
        Map<String, FetchedImage> fetched = new ConcurrentHashMap<>();
        Runnable worker = () -> {
            String url;
            while (System.nanoTime() < deadline && (url = queue.poll()) != null) {
                try {
                    String requested = url;
                    source.get(requested).ifPresent(image -> fetched.put(requested, image));
                } catch (RuntimeException e) {
                    LOG.debug("image download failed: {}", e.toString());
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(perNote, urls.size()); i++) {
            helpers.add(pool.submit(worker));
        }
        worker.run();
        for (Future<?> helper : helpers) {
            try {
                helper.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break; // the note goes on with what has arrived; late images stay remote
            } catch (ExecutionException e) {
                LOG.debug("image worker failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Map.copyOf(fetched);
    }
}
