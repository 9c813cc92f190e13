package org.triggerhappy.camel.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A local feed farm on 127.0.0.1: feeds {@code 0..n-1} at {@code /f/{i}.xml}, each an RSS document of its newest
 * {@code k} items. Answers conditional requests (ETag / Last-Modified) with 304 while a feed is unchanged, sends gzip
 * when asked, and waits a configurable latency before every answer. {@link #addItems} publishes new items on every
 * feed between cycles. Documents are kept gzipped only, so 10,000 feeds fit in a modest heap. What a document holds
 * is up to its {@link Documents} (default {@link FarmContent}); {@link #serve} adds other pages on the same server.
 */
final class FeedFarm implements AutoCloseable {
    static {
        // The JDK HttpServer writes headers and body separately without TCP_NODELAY: Nagle + delayed ACK then add
        // ~40 ms to every response on loopback. Read once per JVM, so bench/run also passes it on the command line.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Renders feed {@code feed}'s document of items {@code newest-k+1 .. newest}; origin is the farm's http://host:port. */
    interface Documents {
        String document(int feed, int newest, int k, IntFunction<Instant> published, String origin);
    }

    /** One feed's current document. */
    private record Doc(byte[] gzip, String etag, String lastModified, long lastModifiedSecond) {
    }

    private final int items;
    private final Documents documents;
    private final Doc[] docs;
    private final HttpServer server;
    private final ExecutorService pool;
    /** Publication time of item seq; all feeds share the numbering. */
    private final List<Instant> seqTimes = new ArrayList<>();
    private final Instant created;
    private volatile long latencyNanos;
    private volatile int newest;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger gzipped = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong firstRequestNanos = new AtomicLong();

    /**
     * @param feeds   number of feeds
     * @param items   items per document
     * @param latency wait before each answer
     * @param threads handler threads: at least the number of requests that should wait in parallel
     */
    FeedFarm(int feeds, int items, Duration latency, int threads) {
        this(feeds, items, latency, threads, (feed, newest, k, published, origin)
                -> FarmContent.document(feed, newest, k, published));
    }

    FeedFarm(int feeds, int items, Duration latency, int threads, Documents documents) {
        this.items = items;
        this.documents = documents;
        this.docs = new Doc[feeds];
        this.latencyNanos = latency.toNanos();
        // Initial items are a minute apart, the newest a minute before the farm was made.
        this.created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int s = 0; s < items; s++) {
            seqTimes.add(created.minus(Duration.ofMinutes(items - s)));
        }
        this.newest = items - 1;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        renderAll(created); // after binding: documents may link to the farm itself
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "farm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/f/", this::handle);
        server.start();
    }

    /** When the farm was made: initial item {@code j} (0 = newest) was published {@code j+1} minutes before. */
    Instant created() {
        return created;
    }

    /** Serves {@code handler} under {@code pathPrefix} on the farm's server (other than /f/). */
    void serve(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
    }

    String origin() {
        return "http://" + hostPort();
    }

    int feeds() {
        return docs.length;
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://" + hostPort() + "/f/";
    }

    String url(int feed) {
        return baseUrl() + feed + ".xml";
    }

    void latency(Duration latency) {
        this.latencyNanos = latency.toNanos();
    }

    /** Publishes {@code m} new items (dated now) on every feed: ETags and Last-Modified change. */
    synchronized void addItems(int m) {
        Instant now = Instant.now();
        for (int i = 0; i < m; i++) {
            seqTimes.add(now.minusMillis(m - 1 - i));
        }
        newest += m;
        renderAll(now.plusSeconds(1)); // Last-Modified has second resolution: strictly after the previous one
    }

    int requests() {
        return requests.get();
    }

    int notModified() {
        return notModified.get();
    }

    int gzipped() {
        return gzipped.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    /** System.nanoTime() of the first request since the counters were reset, 0 if none came yet. */
    long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    void resetCounters() {
        firstRequestNanos.set(0);
        requests.set(0);
        notModified.set(0);
        gzipped.set(0);
        bytesSent.set(0);
    }

    /** Raw (uncompressed) size of one feed's document. */
    int rawSize(int feed) {
        return gunzip(docs[feed].gzip).length;
    }

    private void renderAll(Instant modified) {
        int top = newest;
        List<Instant> times = List.copyOf(seqTimes);
        String lastModified = HTTP_DATE.format(modified);
        String origin = origin();
        IntStream.range(0, docs.length).parallel().forEach(i -> {
            byte[] raw = documents.document(i, top, items, times::get, origin).getBytes(StandardCharsets.UTF_8);
            docs[i] = new Doc(gzip(raw), "\"f" + i + "-" + top + "\"", lastModified, modified.getEpochSecond());
        });
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            firstRequestNanos.compareAndSet(0, System.nanoTime());
            requests.incrementAndGet();
            Doc doc = doc(ex.getRequestURI().getPath());
            if (doc == null || !"GET".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long wait = latencyNanos;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            ex.getResponseHeaders().set("ETag", doc.etag);
            ex.getResponseHeaders().set("Last-Modified", doc.lastModified);
            if (unchanged(ex, doc)) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
            byte[] body;
            if (accept != null && accept.contains("gzip")) {
                gzipped.incrementAndGet();
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                body = doc.gzip;
            } else {
                body = gunzip(doc.gzip);
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            bytesSent.addAndGet(body.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
    private static boolean unchanged(HttpExchange ex, Doc doc) {
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        if (inm != null) {
            return inm.contains(doc.etag);
        }
        String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
        if (ims == null) {
            return false;
        }
        try {
            return Instant.from(HTTP_DATE.parse(ims)).getEpochSecond() >= doc.lastModifiedSecond;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private Doc doc(String path) {
        if (!path.startsWith("/f/") || !path.endsWith(".xml")) {
            return null;
        }
        try {
            int i = Integer.parseInt(path.substring(3, path.length() - 4));
            return i >= 0 && i < docs.length ? docs[i] : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
