package org.triggerhappy.camel.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.BackgroundService;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Flows added by editing XML: the shipped example flows, and a route file dropped into TH_ROUTES_DIR at run time. */
class FlowsTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    ServiceFixture f;
    int user;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dir, false);
        f.evernote.addAccount("tok", "u");
        user = f.admin.addUser("u", "");
        f.admin.setEvernoteToken(user, "tok");
        f.admin.addTrigger(user, "flows", f.feeds.put("/f", Rss.feed()
                .item("g1", "First", "http://example.org/1", NOW.minusSeconds(60), "<p>one</p>")
                .item("g2", "Second", "http://example.org/2", NOW.minusSeconds(120), "<p>two</p>")
                .xml()), "Flows", "t", LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void example_flows_are_off_by_default() throws Exception {
        f.runOnce();
        assertThat(f.evernote.notes("tok")).hasSize(2);
        assertThat(dir.resolve("archive")).doesNotExist();
    }

    @Test
    void webhook_flow_posts_every_new_entry_as_json() throws Exception {
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ObjectMapper json = new ObjectMapper();
        hook.createContext("/hook", ex -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.readValue(ex.getRequestBody(), Map.class);
            body.put("_contentType", ex.getRequestHeaders().getFirst("Content-Type"));
            received.add(body);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        try {
            f.set("th.flow.webhook.enabled", "true")
                    .set("th.flow.webhook.url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            f.runOnce();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).extracting(m -> m.get("title")).containsExactlyInAnyOrder("First", "Second");
            assertThat(received.get(0)).containsKeys("outboxId", "triggerId", "userId", "feedUrl", "link", "guid",
                    "published", "content");
            assertThat(received.get(0).get("_contentType")).asString().startsWith("application/json");
            assertThat(f.evernote.notes("tok")).hasSize(2);
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void enex_archive_flow_keeps_a_copy_of_every_entry() throws Exception {
        f.set("th.flow.enex-archive.enabled", "true");
        f.runOnce();
        Path archive = dir.resolve("archive").resolve("Flows.enex");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(archive)
                && EnexWriter.titlesIn(archive).size() == 2);
        assertThat(EnexWriter.titlesIn(archive)).containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void a_route_file_dropped_into_the_routes_dir_runs_without_a_restart() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path out = Files.createDirectories(dir.resolve("out"));
        f.set("th.routes.dir", routes.toString()).set("th.poll.interval", "1s").set("th.poll.tick", "1s");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 2);
            // Written elsewhere, then moved in: the watcher must never see a half-written file.
            Path draft = dir.resolve("titles.xml.draft");
            Files.writeString(draft, """
                    <camel>
                      <route id="titles-to-files">
                        <from uri="seda:entries?multipleConsumers=true"/>
                        <setBody><simple>${body[title]}</simple></setBody>
                        <to uri="file:%s?fileName=${exchangeId}.txt"/>
                      </route>
                    </camel>
                    """.formatted(out.toString()), StandardCharsets.UTF_8);
            Files.move(draft, routes.resolve("titles.xml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // Once the watcher has loaded the new route, a new entry is published.
            await().atMost(Duration.ofSeconds(15)).until(() -> !log.lines("route file loaded", "titles.xml",
                    "titles-to-files").isEmpty());
            f.feeds.put("/f", Rss.feed()
                    .item("g3", "Third", "http://example.org/3", NOW, "<p>three</p>")
                    .item("g1", "First", "http://example.org/1", NOW.minusSeconds(60), "<p>one</p>")
                    .xml());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (Stream<Path> files = Files.list(out)) {
                    return files.anyMatch(p -> read(p).equals("Third"));
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 3);
        }
    }

    @Test
    void a_flow_that_blocks_forever_never_delays_the_notes_and_its_full_queue_drops_with_a_warning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", ex -> {
            requests.incrementAndGet();
            try {
                // The webhook's receiver never answers while the test runs.
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        int entries = 12;
        putFeedOf(entries);
        f.set("th.flow.webhook.enabled", "true")
                .set("th.flow.webhook.url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")
                .set("th.flow.threads", "1").set("th.flow.queue.size", "2").set("th.poll.interval", "1h");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> f.evernote.notes("tok").size() == entries);
            // One copy is stuck in the webhook, two wait in its queue, the rest were dropped for this flow only.
            assertThat(requests.get()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !log.lines("flow queue full", "flow=flow-webhook",
                    "queue_size=2").isEmpty());
            // Answer now, so that the service's graceful stop need not wait for the stuck copy.
            release.countDown();
        } finally {
            release.countDown();
            hook.stop(0);
        }
    }

    @Test
    void a_webhook_against_a_dead_url_never_delays_the_notes_and_fails_with_one_line_naming_the_flow()
            throws Exception {
        putFeedOf(3);
        f.set("th.flow.webhook.enabled", "true")
                .set("th.flow.webhook.url", "http://127.0.0.1:" + ServiceFixture.freePort() + "/hook")
                .set("th.poll.interval", "1h");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            long t0 = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.evernote.notes("tok").size() == 3);
            // The flow retries each entry for 2 + 4 + 8 s: the notes did not wait for that.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
            assertThat(log.lines("flow failed", "flow=flow-webhook")).isEmpty();
            // The flows' routeConfiguration gives up after its retries with one line per entry.
            await().atMost(Duration.ofSeconds(40)).until(() -> log.lines("camel.flows - flow failed", "flow=flow-webhook",
                    "trigger_id=1 outbox_id=").size() >= 1);
        }
    }

    @Test
    void a_route_file_written_in_place_is_loaded_once_complete() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path out = Files.createDirectories(dir.resolve("out"));
        f.set("th.routes.dir", routes.toString()).set("th.poll.interval", "1s").set("th.poll.tick", "1s");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 2);
            Path file = routes.resolve("titles.xml");
            byte[] xml = titlesRoute("titles-in-place", out).getBytes(StandardCharsets.UTF_8);
            try (var w = Files.newOutputStream(file)) {
                // As a slow `cat > titles.xml`: the first half sits there for more than one look of the watcher,
                // which neither loads it nor reports it broken.
                w.write(xml, 0, xml.length / 2);
                w.flush();
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> log.lines(
                        "route file loaded", "titles.xml").isEmpty() && log.lines("route file not loaded").isEmpty());
                w.write(xml, xml.length / 2, xml.length - xml.length / 2);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> !log.lines("route file loaded", "titles.xml",
                    "titles-in-place").isEmpty());
            publishThird();
            await().atMost(Duration.ofSeconds(30)).until(() -> anyFileSays(out, "Third"));
            assertThat(log.lines("route file not loaded")).isEmpty();
        }
    }

    @Test
    void a_route_file_with_a_real_error_logs_one_clear_line_and_the_other_routes_keep_running() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(routes.resolve("good.xml"), titlesRoute("good-flow", out), StandardCharsets.UTF_8);
        f.set("th.routes.dir", routes.toString()).set("th.poll.interval", "1s").set("th.poll.tick", "1s");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 2);
            // Not XML at all (line 4), and XML that is no route (an unknown element on line 3).
            Files.writeString(routes.resolve("broken.xml"), """
                    <camel>
                      <route id="broken">
                        <from uri="seda:entries?multipleConsumers=true"/>
                        <log message="x">
                      </route>
                    </camel>
                    """, StandardCharsets.UTF_8);
            Files.writeString(routes.resolve("wrong.xml"), """
                    <camel>
                      <route id="wrong">
                        <fromm uri="seda:entries?multipleConsumers=true"/>
                      </route>
                    </camel>
                    """, StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines("route file not loaded").size() >= 2);
            // Over several more looks of the watcher: still one line per file.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> log.lines(
                    "route file not loaded", "broken.xml").size() == 1 && log.lines("route file not loaded",
                    "wrong.xml").size() == 1);
            List<String> broken = log.lines("route file not loaded", "broken.xml");
            assertThat(broken).hasSize(1);
            assertThat(broken.get(0)).contains("line=5").contains("reason=\"");
            List<String> wrong = log.lines("route file not loaded", "wrong.xml");
            assertThat(wrong).hasSize(1);
            assertThat(wrong.get(0)).contains("line=3").contains("fromm");
            publishThird();
            await().atMost(Duration.ofSeconds(30)).until(() -> anyFileSays(out, "Third"));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 3);
            // Fixed in place: loaded; and a working file edited in place replaces its route of the same id.
            Files.writeString(routes.resolve("broken.xml"), titlesRoute("broken", out), StandardCharsets.UTF_8);
            Files.writeString(routes.resolve("good.xml"), titlesRoute("good-flow", out).replace("<camel>",
                    "<camel>\n<!-- edited -->"), StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(15)).until(() -> !log.lines("route file loaded", "broken.xml",
                    "[broken]").isEmpty() && log.lines("route file loaded", "good.xml", "[good-flow]").size() == 2);
            assertThat(log.lines("route file not loaded")).hasSize(2);
        }
    }

    @Test
    void a_flow_that_names_no_error_policy_gets_the_default_one_line_per_failure_and_goes_on() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("failing.xml"), """
                <camel>
                  <route id="failing-flow">
                    <from uri="seda:entries?multipleConsumers=true"/>
                    <throwException exceptionType="java.lang.IllegalStateException" message="the flow broke"/>
                  </route>
                </camel>
                """, StandardCharsets.UTF_8);
        f.set("th.routes.dir", routes.toString()).set("th.poll.interval", "1s").set("th.poll.tick", "1s");
        try (LogCapture log = new LogCapture(); BackgroundService rt = BackgroundService.start(f.settings())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 2
                    && log.lines("flow failed", "flow=failing-flow", "the flow broke").size() == 2);
            publishThird();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.evernote.notes("tok").size() == 3
                    && log.lines("flow failed", "flow=failing-flow", "the flow broke").size() == 3);
            // Once per entry, by the policy: neither Camel's default error handler nor the flow's lane says it again.
            assertThat(log.lines("the flow broke")).hasSize(3);
            assertThat(log.lines("Failed delivery for")).isEmpty();
        }
    }

    private static String titlesRoute(String id, Path out) {
        return """
                <camel>
                  <route id="%s" routeConfigurationId="flows">
                    <from uri="seda:entries?multipleConsumers=true"/>
                    <setBody><simple>${body[title]}</simple></setBody>
                    <to uri="file:%s?fileName=${exchangeId}.txt"/>
                  </route>
                </camel>
                """.formatted(id, out.toString());
    }

    private void publishThird() {
        f.feeds.put("/f", Rss.feed()
                .item("g3", "Third", "http://example.org/3", NOW, "<p>three</p>")
                .item("g1", "First", "http://example.org/1", NOW.minusSeconds(60), "<p>one</p>")
                .xml());
    }

    private static boolean anyFileSays(Path out, String text) throws java.io.IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.anyMatch(p -> read(p).equals(text));
        }
    }

    private void putFeedOf(int entries) {
        Rss feed = Rss.feed();
        for (int i = 0; i < entries; i++) {
            feed.item("n" + i, "Entry " + i, "http://example.org/n" + i, NOW.minusSeconds(10L * (i + 1)), "<p>n</p>");
        }
        f.feeds.put("/f", feed.xml());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
