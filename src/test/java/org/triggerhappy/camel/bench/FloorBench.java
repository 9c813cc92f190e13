package org.triggerhappy.camel.bench;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The floor: the barest loop that polls the same farm — JDK HttpClient + ROME's SyndFeedInput on a fixed pool of
 * {@code concurrency} threads, nothing stored. Runs in its own short-lived JVM like {@code run --once} does.
 * <pre>
 * FloorBench cold   BASE_URL FEEDS CONCURRENCY STATE_FILE [healer]   full GETs; writes ETag/Last-Modified per feed
 * FloorBench steady BASE_URL FEEDS CONCURRENCY STATE_FILE            conditional GETs from STATE_FILE (mostly 304)
 * FloorBench rounds BASE_URL FEEDS CONCURRENCY STATE_FILE R          a cold pass, then R steady passes in this JVM
 * </pre>
 * Prints one line per pass: {@code FLOOR mode=… ok=… not_modified=… failed=… entries=… loop_ms=…}. ROME's char-by-char XML
 * healer is off unless {@code healer} is given (the service does not use it either).
 */
public final class FloorBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String base = args[1];
        int feeds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        Path state = Path.of(args[4]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            if (mode.equals("rounds")) {
                // A running service's floor: one JVM, a cold pass, then steady passes on the validators it kept.
                int rounds = Integer.parseInt(args[5]);
                String[][] validators = new String[feeds][2];
                pass(client, pool, base, feeds, validators, false, "cold", "");
                for (int r = 1; r <= rounds; r++) {
                    pass(client, pool, base, feeds, validators, false, "steady", " round=" + r);
                }
                return;
            }
            boolean healer = args.length > 5 && args[5].equals("healer");
            boolean steady = mode.equals("steady");
            String[][] validators = steady ? readState(state, feeds) : new String[feeds][2];
            pass(client, pool, base, feeds, validators, healer, mode, "");
            if (!steady) {
                writeState(state, validators);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One pass over every feed; prints its FLOOR line. */
    private static void pass(HttpClient client, ExecutorService pool, String base, int feeds, String[][] validators,
                             boolean healer, String mode, String suffix) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger entries = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(feeds);
        for (int i = 0; i < feeds; i++) {
            int feed = i;
            futures.add(pool.submit(() -> {
                try {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + feed + ".xml"))
                            .timeout(Duration.ofSeconds(30)).header("Accept-Encoding", "gzip");
                    if (validators[feed][0] != null) {
                        req.header("If-None-Match", validators[feed][0]);
                    }
                    if (validators[feed][1] != null) {
                        req.header("If-Modified-Since", validators[feed][1]);
                    }
                    HttpResponse<InputStream> r = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                    validators[feed][0] = r.headers().firstValue("ETag").orElse(null);
                    validators[feed][1] = r.headers().firstValue("Last-Modified").orElse(null);
                    try (InputStream body = r.body()) {
                        if (r.statusCode() == 304) {
                            notModified.incrementAndGet();
                            return;
                        }
                        if (r.statusCode() != 200) {
                            throw new IOException("HTTP " + r.statusCode());
                        }
                        boolean gz = r.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
                        byte[] bytes = (gz ? new GZIPInputStream(body) : body).readAllBytes();
                        SyndFeedInput input = new SyndFeedInput(false, Locale.US);
                        input.setXmlHealerOn(healer);
                        SyndFeed parsed = input.build(new XmlReader(new ByteArrayInputStream(bytes)));
                        entries.addAndGet(parsed.getEntries().size());
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println("feed " + feed + ": " + e);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long loopMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "FLOOR mode=%s healer=%s ok=%d not_modified=%d failed=%d entries=%d loop_ms=%d%s%n",
                mode, healer, ok.get(), notModified.get(), failed.get(), entries.get(), loopMs, suffix);
    }

    private static String[][] readState(Path file, int feeds) throws IOException {
        String[][] v = new String[feeds][2];
        for (String line : Files.readAllLines(file)) {
            String[] p = line.split("\t", -1);
            int i = Integer.parseInt(p[0]);
            if (i < feeds) {
                v[i][0] = p[1].isEmpty() ? null : p[1];
                v[i][1] = p[2].isEmpty() ? null : p[2];
            }
        }
        return v;
    }

    private static void writeState(Path file, String[][] v) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i).append('\t').append(v[i][0] == null ? "" : v[i][0]).append('\t')
                    .append(v[i][1] == null ? "" : v[i][1]).append('\n');
        }
        Files.writeString(file, b);
    }
}
