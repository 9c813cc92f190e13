package org.triggerhappy.camel.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-mode farm on 127.0.0.1: a {@link FeedFarm} of teaser feeds ({@link ArticlePages#teaserFeed}) whose
 * item links lead to article pages at {@code /a/{feed}/{seq}.html} on the same server, each with 3 images at
 * {@code /img/{feed}/{seq}/{k}.png|jpg} ({@link ArticleImages}). Pages are rendered on request (deterministic, so
 * the service and the floor get the same bytes) and sent uncompressed.
 */
final class ArticleFarm implements AutoCloseable {
    private static final Pattern PAGE = Pattern.compile("/a/(\\d+)/(\\d+)\\.html");
    private static final Pattern IMAGE = Pattern.compile("/img/(\\d+)/(\\d+)/([0-2])\\.(png|jpg)");

    private final FeedFarm farm;
    private final ArticleImages images = new ArticleImages();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger imagesServed = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong firstRequestNanos = new AtomicLong();

    /**
     * @param feeds   teaser feeds (one per user in the scenario)
     * @param items   items per feed document
     * @param threads handler threads
     */
    ArticleFarm(int feeds, int items, int threads) {
        farm = new FeedFarm(feeds, items, Duration.ZERO, threads, ArticlePages::teaserFeed);
        farm.serve("/a/", this::page);
        farm.serve("/img/", this::image);
    }

    /** The feeds: URLs, new items, request counters. */
    FeedFarm feeds() {
        return farm;
    }

    String origin() {
        return farm.origin();
    }

    byte[] image(int index) {
        return images.bytes(index);
    }

    int pages() {
        return pages.get();
    }

    int images() {
        return imagesServed.get();
    }

    long bytesSent() {
        return bytes.get();
    }

    /** System.nanoTime of the first page or image request since the last reset; 0 when none came. */
    long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    void resetCounters() {
        pages.set(0);
        imagesServed.set(0);
        bytes.set(0);
        firstRequestNanos.set(0);
        farm.resetCounters();
    }

    /** What to answer for a matched path; null means 404. */
    private record Reply(String contentType, byte[] body) {
    }

    private void page(HttpExchange ex) throws IOException {
        answer(ex, PAGE, m -> {
            pages.incrementAndGet();
            return new Reply("text/html; charset=utf-8", ArticlePages.page(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))).getBytes(StandardCharsets.UTF_8));
        });
    }

    private void image(HttpExchange ex) throws IOException {
        answer(ex, IMAGE, m -> {
            int index = ArticleImages.indexFor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (!ArticleImages.extension(index).equals(m.group(4))) {
                return null;
            }
            imagesServed.incrementAndGet();
            return new Reply(ArticleImages.contentType(index), images.bytes(index));
        });
    }

    private void answer(HttpExchange ex, Pattern path, Function<Matcher, Reply> replies) throws IOException {
        try (ex) {
            Matcher m = path.matcher(ex.getRequestURI().getPath());
            Reply reply = m.matches() && "GET".equals(ex.getRequestMethod()) ? replies.apply(m) : null;
            if (reply == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            firstRequestNanos.compareAndSet(0, System.nanoTime());
            send(ex, reply.contentType(), reply.body());
        }
    }

    private void send(HttpExchange ex, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        bytes.addAndGet(body.length);
    }

    @Override
    public void close() {
        farm.close();
    }
}
