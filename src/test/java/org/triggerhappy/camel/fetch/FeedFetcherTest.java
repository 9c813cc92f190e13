package org.triggerhappy.camel.fetch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.triggerhappy.camel.fetch.LocalHttpServer.redirect;
import static org.triggerhappy.camel.fetch.LocalHttpServer.respond;

class FeedFetcherTest {

    private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
            .getBytes(StandardCharsets.UTF_8);
    private static final int CAP = 1024 * 1024;
    /** 200 MB of zeros, gzip-compressed to about 200 KB. */
    private static byte[] gzipBomb;

    private LocalHttpServer server;

    @BeforeAll
    static void buildBomb() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 65536)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                gzip.write(zeros);
            }
        }
        gzipBomb = compressed.toByteArray();
    }

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FeedFetcher fetcher(AddressPolicy policy) {
        return fetcher(policy, Duration.ofSeconds(5), 10);
    }

    private FeedFetcher fetcher(AddressPolicy policy, Duration total, int maxRedirects) {
        return new FeedFetcher(new FetchSettings(Duration.ofSeconds(2), total, CAP, maxRedirects,
                FetchSettings.DEFAULT_USER_AGENT, policy));
    }

    @Test
    void returns_body_and_captures_validators_and_sends_the_feed_headers() throws Exception {
        server.on("/feed", ex -> {
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=600");
            respond(ex, 200, "application/rss+xml; charset=utf-8", FEED);
        });

        FetchResult result = fetcher(server.policy()).fetch(server.url("/feed"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(FEED);
        assertThat(result.etag()).isEqualTo("\"v1\"");
        assertThat(result.lastModified()).isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT");
        assertThat(result.maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(result.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(result.finalUrl()).isEqualTo(server.url("/feed"));
        assertThat(result.permanentUrl()).isNull();
        var sent = server.lastRequestHeaders();
        assertThat(sent.getFirst("User-Agent")).startsWith("TriggerHappyCamel/");
        assertThat(sent.getFirst("Accept")).startsWith("application/rss+xml, application/atom+xml");
        assertThat(sent.getFirst("Accept-Encoding")).isEqualTo("gzip");
        assertThat(sent.containsKey("If-None-Match")).isFalse();
    }

    @Test
    void conditional_request_gets_304_with_empty_body() throws Exception {
        server.on("/feed", ex -> {
            boolean matches = "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))
                    && "Wed, 21 Oct 2015 07:28:00 GMT".equals(ex.getRequestHeaders().getFirst("If-Modified-Since"));
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            respond(ex, matches ? 304 : 200, null, matches ? new byte[0] : FEED);
        });

        FetchResult result = fetcher(server.policy())
                .fetch(server.url("/feed"), "\"v1\"", "Wed, 21 Oct 2015 07:28:00 GMT");

        assertThat(result.status()).isEqualTo(304);
        assertThat(result.notModified()).isTrue();
        assertThat(result.body()).isEmpty();
        assertThat(result.etag()).isEqualTo("\"v1\"");
        assertThat(result.lastModified()).isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT"); // kept from the request
    }

    @Test
    void decodes_gzip_and_both_deflate_flavours() throws Exception {
        server.on("/gzip", ex -> encoded(ex, "gzip", gzip(FEED)))
                .on("/zlib", ex -> encoded(ex, "deflate", deflate(FEED, false)))
                .on("/rawdeflate", ex -> encoded(ex, "deflate", deflate(FEED, true)));
        FeedFetcher fetcher = fetcher(server.policy());

        for (String path : List.of("/gzip", "/zlib", "/rawdeflate")) {
            assertThat(fetcher.fetch(server.url(path), null, null).body()).as(path).isEqualTo(FEED);
        }
    }

    @Test
    void gzip_bomb_stops_at_the_cap_after_decompression_quickly() {
        assertThat(gzipBomb.length).isLessThan(CAP); // the compressed body itself is well under the cap
        server.on("/bomb", ex -> encoded(ex, "gzip", gzipBomb));

        long start = System.nanoTime();
        FetchException e = fetchFailure(fetcher(server.policy()), server.url("/bomb"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("body exceeds 1048576 bytes after decompression");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void plain_oversized_body_is_too_large_with_and_without_content_length() {
        byte[] big = new byte[CAP + 1];
        Arrays.fill(big, (byte) 'x');
        server.on("/sized", ex -> respond(ex, 200, "text/xml", big))
                .on("/chunked", ex -> {
                    ex.sendResponseHeaders(200, 0); // chunked: the size is only known while reading
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(big);
                    }
                });
        FeedFetcher fetcher = fetcher(server.policy());

        FetchException sized = fetchFailure(fetcher, server.url("/sized"));
        FetchException chunked = fetchFailure(fetcher, server.url("/chunked"));

        assertThat(sized.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(sized.getMessage()).contains("body exceeds 1048576 bytes");
        assertThat(chunked.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(chunked.getMessage()).isEqualTo("body exceeds 1048576 bytes");
    }

    @Test
    void empty_200_body_is_an_error() {
        server.on("/empty", ex -> respond(ex, 200, "text/xml", new byte[0]));

        FetchException e = fetchFailure(fetcher(server.policy()), server.url("/empty"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.IO);
        assertThat(e.getMessage()).isEqualTo("empty body");
    }

    @Test
    void server_that_accepts_but_never_answers_times_out_within_the_total_timeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // keep the connection open, never write
                    }
                } catch (IOException closed) {
                    // test finished
                }
            });
            acceptor.start();
            FeedFetcher fetcher = fetcher(AddressPolicy.parse("127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofSeconds(1), 10);

            long start = System.nanoTime();
            FetchException e = fetchFailure(fetcher, "http://127.0.0.1:" + silent.getLocalPort() + "/feed");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
            assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void body_that_drips_one_byte_per_second_times_out_within_the_total_timeout() {
        server.on("/drip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 10; i++) {
                out.write('<');
                out.flush();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        FetchException e = fetchFailure(fetcher(server.policy(), Duration.ofMillis(1500), 10), server.url("/drip"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("body not complete");
        assertThat(elapsed).isBetween(Duration.ofMillis(1400), Duration.ofMillis(3000));
    }

    @Test
    void permanent_url_is_the_end_of_the_leading_run_of_301_and_308() throws Exception {
        server.on("/a", ex -> redirect(ex, 301, server.url("/b")))
                .on("/b", ex -> redirect(ex, 308, "/c")) // relative Location
                .on("/c", ex -> redirect(ex, 302, server.url("/d")))
                .on("/d", ex -> respond(ex, 200, "text/xml", FEED));

        FetchResult result = fetcher(server.policy()).fetch(server.url("/a"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.finalUrl()).isEqualTo(server.url("/d"));
        assertThat(result.permanentUrl()).isEqualTo(server.url("/c"));
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void no_permanent_url_when_the_first_hop_is_temporary() throws Exception {
        server.on("/a", ex -> redirect(ex, 307, "b"))
                .on("/b", ex -> redirect(ex, 301, "/c"))
                .on("/c", ex -> respond(ex, 200, "text/xml", FEED));

        FetchResult result = fetcher(server.policy()).fetch(server.url("/a"), null, null);

        assertThat(result.finalUrl()).isEqualTo(server.url("/c"));
        assertThat(result.permanentUrl()).isNull();
    }

    @Test
    void redirect_loop_is_detected() {
        server.on("/a", ex -> redirect(ex, 302, "/b"))
                .on("/b", ex -> redirect(ex, 301, "/a"));

        FetchException e = fetchFailure(fetcher(server.policy()), server.url("/a"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT_LOOP);
        assertThat(e.getMessage()).isEqualTo("redirect loop at " + server.url("/a"));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void more_redirects_than_allowed_fail() {
        server.on("/r", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
            redirect(ex, 302, "/r/" + (n + 1));
        });

        FetchException e = fetchFailure(fetcher(server.policy(), Duration.ofSeconds(5), 3), server.url("/r/0"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_MANY_REDIRECTS);
        assertThat(e.getMessage()).startsWith("more than 3 redirects");
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void status_codes_map_to_kinds_with_retry_after() {
        String inTwoHours = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(2).withNano(0));
        server.on("/gone", ex -> respond(ex, 410, null, new byte[0]))
                .on("/busy", ex -> {
                    ex.getResponseHeaders().set("Retry-After", "120");
                    respond(ex, 429, null, new byte[0]);
                })
                .on("/maintenance", ex -> {
                    ex.getResponseHeaders().set("Retry-After", inTwoHours);
                    respond(ex, 503, null, "down".getBytes(StandardCharsets.UTF_8));
                })
                .on("/broken", ex -> respond(ex, 503, null, new byte[0]))
                .on("/missing", ex -> respond(ex, 404, "text/html", "<h1>nope</h1>".getBytes(StandardCharsets.UTF_8)));
        FeedFetcher fetcher = fetcher(server.policy());

        FetchException gone = fetchFailure(fetcher, server.url("/gone"));
        FetchException busy = fetchFailure(fetcher, server.url("/busy"));
        FetchException maintenance = fetchFailure(fetcher, server.url("/maintenance"));
        FetchException broken = fetchFailure(fetcher, server.url("/broken"));
        FetchException missing = fetchFailure(fetcher, server.url("/missing"));

        assertThat(gone.kind()).isEqualTo(FetchException.Kind.GONE);
        assertThat(gone.httpStatus()).isEqualTo(410);
        assertThat(busy.kind()).isEqualTo(FetchException.Kind.RATE_LIMITED);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(busy.getMessage()).isEqualTo("HTTP 429 Too Many Requests (retry after 120 s)");
        assertThat(maintenance.kind()).isEqualTo(FetchException.Kind.RATE_LIMITED);
        assertThat(maintenance.httpStatus()).isEqualTo(503);
        assertThat(maintenance.retryAfter()).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofMinutes(118), Duration.ofHours(2)));
        assertThat(broken.kind()).isEqualTo(FetchException.Kind.HTTP_STATUS);
        assertThat(broken.retryAfter()).isEmpty();
        assertThat(missing.kind()).isEqualTo(FetchException.Kind.HTTP_STATUS);
        assertThat(missing.httpStatus()).isEqualTo(404);
        assertThat(missing.getMessage()).isEqualTo("HTTP 404 Not Found");
    }

    @Test
    void strict_policy_refuses_loopback_before_any_connection_is_made() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            FeedFetcher strict = fetcher(AddressPolicy.strict());

            FetchException literal = fetchFailure(strict, "http://127.0.0.1:" + target.getLocalPort() + "/feed");
            FetchException byName = fetchFailure(strict, "http://localhost:" + target.getLocalPort() + "/feed");

            assertThat(literal.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
            assertThat(literal.getMessage()).isEqualTo("address 127.0.0.1 of host 127.0.0.1 is loopback; "
                    + "set TH_ALLOW_PRIVATE_NETWORKS to allow it");
            assertThat(byName.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
            assertThat(byName.getMessage()).contains("of host localhost is loopback");
            // A completed TCP handshake would sit in the accept backlog: there is none.
            target.setSoTimeout(200);
            assertThatThrownBy(target::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void redirect_to_a_loopback_port_outside_the_allow_list_is_refused() throws Exception {
        try (LocalHttpServer other = new LocalHttpServer()) {
            other.on("/", ex -> respond(ex, 200, "text/xml", FEED));
            server.on("/hop", ex -> redirect(ex, 302, other.url("/feed")));

            FetchException e = fetchFailure(fetcher(server.policy()), server.url("/hop"));

            assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(other.requestCount()).isZero();
        }
    }

    @Test
    void only_http_and_https_urls_are_fetched() {
        server.on("/hop", ex -> redirect(ex, 302, "file:///etc/passwd"));
        FeedFetcher fetcher = fetcher(server.policy());

        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/feed", "jar:file:/x.jar!/feed.xml",
                server.url("/hop"), "not a url at all", "http:///nohost")) {
            FetchException e = fetchFailure(fetcher, url);
            assertThat(e.kind()).as(url).isEqualTo(FetchException.Kind.INVALID_URL);
        }
    }

    @Test
    void refused_connection_is_a_connect_error() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        FetchException e = fetchFailure(fetcher(AddressPolicy.parse("127.0.0.1:" + closedPort)),
                "http://127.0.0.1:" + closedPort + "/feed");

        assertThat(e.kind()).isEqualTo(FetchException.Kind.CONNECT);
        assertThat(e.getMessage()).startsWith("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void one_fetcher_serves_many_threads() throws Exception {
        server.on("/feed", ex -> encoded(ex, "gzip", gzip(FEED)));
        FeedFetcher fetcher = fetcher(server.policy());
        List<Thread> threads = new ArrayList<>();
        List<byte[]> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 16; i++) {
            Thread t = new Thread(() -> {
                try {
                    bodies.add(fetcher.fetch(server.url("/feed"), null, null).body());
                } catch (FetchException e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(5000);
        }

        assertThat(bodies).hasSize(16).allSatisfy(b -> assertThat(b).isEqualTo(FEED));
    }

    private static FetchException fetchFailure(FeedFetcher fetcher, String url) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(url, null, null));
        assertThat(e).as("fetching %s should fail", url).isNotNull();
        return e;
    }

    private static void encoded(com.sun.net.httpserver.HttpExchange ex, String encoding, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("Content-Encoding", encoding);
        respond(ex, 200, "application/rss+xml", body);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
