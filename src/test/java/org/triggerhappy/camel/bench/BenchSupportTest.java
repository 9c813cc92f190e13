package org.triggerhappy.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.entries.ParsedFeed;

/**
 * The benchmark's own parts: the feed farm speaks conditional GET and gzip; the article farm serves teasers, pages
 * and real images; the article floor fetches them all; the GC log gives the peak heap.
 */
class BenchSupportTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void farmServesGzippedFeedsAnd304sUntilNewItemsArrive() throws Exception {
        try (FeedFarm farm = new FeedFarm(3, 2, Duration.ZERO, 4)) {
            HttpResponse<byte[]> full = get(farm.url(1), "Accept-Encoding", "gzip");
            assertThat(full.statusCode()).isEqualTo(200);
            assertThat(full.headers().firstValue("Content-Encoding")).hasValue("gzip");
            byte[] xml = new GZIPInputStream(new ByteArrayInputStream(full.body())).readAllBytes();
            ParsedFeed feed = new FeedParser().parse(xml, "application/rss+xml; charset=utf-8", farm.url(1));
            assertThat(feed.entries()).extracting(FeedEntry::guid).containsExactly("farm-1-1", "farm-1-0");
            assertThat(feed.entries()).allSatisfy(e -> assertThat(e.contentHtml().length()).isBetween(1000, 3300));
            assertThat(feed.entries().get(0).published()).isEqualTo(farm.created().minusSeconds(60));

            String etag = full.headers().firstValue("ETag").orElseThrow();
            String lastModified = full.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(farm.url(1), "If-None-Match", etag).statusCode()).isEqualTo(304);
            assertThat(get(farm.url(1), "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
            assertThat(get(farm.url(1)).body()).isEqualTo(xml); // plain when gzip is not asked for

            farm.addItems(1);
            HttpResponse<byte[]> changed = get(farm.url(1), "If-None-Match", etag);
            assertThat(changed.statusCode()).isEqualTo(200);
            List<FeedEntry> entries = new FeedParser().parse(changed.body(), null, farm.url(1)).entries();
            assertThat(entries).extracting(FeedEntry::guid).containsExactly("farm-1-2", "farm-1-1");
            assertThat(get(farm.url(1), "If-Modified-Since", lastModified).statusCode()).isEqualTo(200);
            assertThat(get(farm.baseUrl() + "3.xml").statusCode()).isEqualTo(404);
            assertThat(farm.notModified()).isEqualTo(2);
        }
    }

    @Test
    void articleFarmServesTeaserFeedsLeadingToArticlePagesWithThreeRealImages() throws Exception {
        try (ArticleFarm farm = new ArticleFarm(2, 3, 4)) {
            String feedUrl = farm.feeds().url(1);
            ParsedFeed feed = new FeedParser().parse(get(feedUrl).body(), null, feedUrl);
            assertThat(feed.entries()).hasSize(3).allSatisfy(e -> {
                assertThat(e.contentHtml().length()).isBetween(200, 499);
                assertThat(e.link()).startsWith(farm.origin() + "/a/1/");
            });

            HttpResponse<byte[]> page = get(feed.entries().get(0).link());
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            Document doc = Jsoup.parse(new String(page.body(), StandardCharsets.UTF_8), feed.entries().get(0).link());
            int articleWords = doc.select("article").text().split("\\s+").length;
            assertThat(articleWords).isBetween(1400, 1900);
            assertThat(doc.text().split("\\s+").length).isGreaterThan(articleWords + 100); // nav, sidebar, comments…
            assertThat(doc.select("nav, aside, footer, .cookie-banner, .comments")).hasSize(5);
            List<String> images = doc.select("article img").eachAttr("abs:src");
            assertThat(images).hasSize(3).doesNotHaveDuplicates();
            Set<Integer> sizes = new HashSet<>();
            for (String url : images) {
                HttpResponse<byte[]> image = get(url);
                byte[] b = image.body();
                assertThat(b.length).isBetween(ArticleImages.MIN_BYTES, ArticleImages.MAX_BYTES);
                sizes.add(b.length);
                boolean png = b[0] == (byte) 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
                boolean jpeg = b[0] == (byte) 0xFF && b[1] == (byte) 0xD8 && b[2] == (byte) 0xFF;
                assertThat(png || jpeg).as(url).isTrue();
                assertThat(image.headers().firstValue("Content-Type")).hasValue(png ? "image/png" : "image/jpeg");
            }
            assertThat(sizes).hasSize(3);
            assertThat(get(farm.origin() + "/img/1/0/0.gif").statusCode()).isEqualTo(404);
            assertThat(get(farm.origin() + "/a/x.html").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void articleFloorFetchesEveryPageOfEachBatchAndItsImages() throws Exception {
        try (ArticleFarm farm = new ArticleFarm(3, 2, 4)) {
            ArticleFloor.main(new String[] {farm.origin(), "3", "2", "2", "2"});

            assertThat(farm.pages()).isEqualTo(3 * 2 * 2);
            assertThat(farm.images()).isEqualTo(3 * 3 * 2 * 2);
            assertThat(farm.bytesSent()).isGreaterThan(12L * ArticleImages.MIN_BYTES * 3);
        }
    }

    @Test
    void peakHeapIsTheLargestBeforeFigureOrTheHeapUsedAtExit() {
        GcLog log = GcLog.parse(List.of(
                "[0.3s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 7.6ms",
                "[0.9s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M) 4.8ms",
                "[1.0s][info][gc] GC(2) Concurrent Mark Cycle",
                "[1.2s][info][gc] GC(3) Pause Remark 2048K->1024K(256M) 1.7ms",
                "[1.5s][info][gc] GC(4) Pause Full (G1 Compaction Pause) 100M->30M(256M) 70.1ms",
                "[2.0s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 81920K [0x0, 0x1)"));
        assertThat(log.peakMb()).isEqualTo(120.0);
        assertThat(log.maxLiveMb()).isEqualTo(40.0);
        assertThat(log.pauses()).isEqualTo(4);
        assertThat(log.fullGcs()).isEqualTo(1);
        GcLog atExit = GcLog.parse(List.of("[0.5s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 204800K"));
        assertThat(atExit.peakMb()).isEqualTo(200.0);
    }

    @Test
    void floorRoundsMakeOneColdPassThenSteadyPassesOnTheValidatorsItKept(@TempDir Path dir) throws Exception {
        try (FeedFarm farm = new FeedFarm(3, 2, Duration.ZERO, 4)) {
            FloorBench.main(new String[] {"rounds", farm.baseUrl(), "3", "2", dir.resolve("v.tsv").toString(), "2"});

            assertThat(farm.requests()).isEqualTo(3 + 2 * 3);
            assertThat(farm.notModified()).isEqualTo(2 * 3);
            assertThat(farm.firstRequestNanos()).isPositive();
        }
    }

    @Test
    void cycleLinesAreReadFromAServiceLog() {
        String log = String.join("\n",
                "2026-12-05T13:00:01.250Z INFO poll cycle done cycle=1 triggers_polled=10 not_modified=0 failures=0"
                        + " new_entries=0 queued_notes=0 filtered=0 cross_feed_duplicates=0 notes_written=0"
                        + " duration_ms=1250",
                "2026-12-05T13:00:02.000Z INFO something else",
                "2026-12-05T13:00:11.400Z INFO poll cycle done cycle=2 triggers_polled=10 not_modified=10 failures=0"
                        + " new_entries=0 queued_notes=0 filtered=0 cross_feed_duplicates=0 notes_written=0"
                        + " duration_ms=400");

        List<CycleLine> lines = CycleLine.all(log);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).steady(10)).isFalse();
        assertThat(lines.get(1).steady(10)).isTrue();
        assertThat(lines.get(1).durationMs()).isEqualTo(400);
        assertThat(lines.get(1).endEpochMs()).isEqualTo(java.time.Instant.parse("2026-12-05T13:00:11.400Z").toEpochMilli());
    }

    @Test
    void heapAfterTheLastFullCollectionIsWhatItLeft(@TempDir Path dir) throws Exception {
        Path gc = dir.resolve("gc.log");
        java.nio.file.Files.write(gc, List.of(
                "[0.9s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M) 4.8ms",
                "[1.5s][info][gc] GC(4) Pause Full (System.gc()) 100M->30M(256M) 70.1ms",
                "[2.5s][info][gc] GC(5) Pause Full (System.gc()) 90M->28M(256M) 60.0ms",
                "[3.0s][info][gc] GC(6) Pause Young (Normal) (G1 Evacuation Pause) 80M->50M(256M) 4.8ms"));

        assertThat(GcLog.afterLastFullGcMb(gc)).isEqualTo(28.0);
        assertThat(GcLog.afterLastFullGcMb(dir.resolve("none.log"))).isNaN();
    }
}
