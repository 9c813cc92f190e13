package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article floor: the barest loop that fetches what article mode must fetch — every new entry's article page,
 * then its images — with the JDK HttpClient on a fixed pool of {@code concurrency} threads, one article per task;
 * nothing parsed beyond finding the image URLs, nothing stored, no Evernote. Runs in its own JVM like the service.
 * <pre>
 * ArticleFloor ORIGIN FEEDS PER_FEED BATCHES CONCURRENCY
 * </pre>
 * Batch b fetches articles {@code (b-1)*PER_FEED .. b*PER_FEED-1} of every feed (the items the service's batch b
 * delivers). Prints one line per batch: {@code ARTICLE_FLOOR batch=… articles=… images=… bytes=… failed=… ms=…}.
 */
public final class ArticleFloor {
    private static final Pattern IMAGE = Pattern.compile("/img/\\d+/\\d+/[0-2]\\.(?:png|jpg)");

    public static void main(String[] args) throws Exception {
        String origin = args[0];
        int feeds = Integer.parseInt(args[1]);
        int perFeed = Integer.parseInt(args[2]);
        int batches = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int b = 1; b <= batches; b++) {
            AtomicInteger articles = new AtomicInteger();
            AtomicInteger images = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong bytes = new AtomicLong();
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>(feeds * perFeed);
            for (int seq = (b - 1) * perFeed; seq < b * perFeed; seq++) {
                for (int feed = 0; feed < feeds; feed++) {
                    URI page = URI.create(origin + ArticlePages.articlePath(feed, seq));
                    futures.add(pool.submit(() -> {
                        try {
                            String html = get(client, page, HttpResponse.BodyHandlers.ofString());
                            bytes.addAndGet(html.length());
                            for (String image : imagesOf(html)) {
                                bytes.addAndGet(get(client, page.resolve(image),
                                        HttpResponse.BodyHandlers.ofByteArray()).length);
                                images.incrementAndGet();
                            }
                            articles.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            if (failed.incrementAndGet() <= 3) {
                                System.err.println(page + ": " + e);
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
            System.out.printf(Locale.ROOT, "ARTICLE_FLOOR batch=%d articles=%d images=%d bytes=%d failed=%d ms=%d%n",
                    b, articles.get(), images.get(), bytes.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000);
        }
        pool.shutdown();
    }

    static Set<String> imagesOf(String html) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static <T> T get(HttpClient client, URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<T> r = client.send(request, handler);
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
