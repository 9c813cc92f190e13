package org.triggerhappy.camel.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** A feed server on 127.0.0.1 that misbehaves per path: stalls, 410, 429, redirects, gzip bombs; or serves a feed. */
final class HostileFeedServer implements AutoCloseable {
    /** What a path answers. */
    @FunctionalInterface
    interface Behaviour {
        void answer(HttpExchange ex) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-feed");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    HostileFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                paths.getOrDefault(path, e -> e.sendResponseHeaders(404, -1)).answer(ex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (its deadline passed): expected for the stalls
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return "http://" + hostPort() + path;
    }

    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    String on(String path, Behaviour behaviour) {
        paths.put(path, behaviour);
        return url(path);
    }

    String feed(String path, String xml) {
        return on(path, ex -> send(ex, 200, xml.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    /** Accepts the request and never answers. */
    String stallBeforeHeaders(String path) {
        return on(path, ex -> closed.await(60, TimeUnit.SECONDS));
    }

    /** Answers 200 and the start of a feed, then nothing more. */
    String stallInBody(String path, String xml) {
        return on(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(xml.substring(0, xml.length() / 2).getBytes(StandardCharsets.UTF_8));
            out.flush();
            closed.await(60, TimeUnit.SECONDS);
        });
    }

    String status(String path, int status, Map<String, String> headers) {
        return on(path, ex -> send(ex, status, new byte[0], headers));
    }

    /** A small gzip body that inflates to {@code inflatedBytes} of whitespace. */
    String gzipBomb(String path, int inflatedBytes) {
        byte[] bomb = gzip(inflatedBytes);
        return on(path, ex -> send(ex, 200, bomb, Map.of("Content-Encoding", "gzip")));
    }

    private static byte[] gzip(int inflatedBytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int written = 0; written < inflatedBytes; written += chunk.length) {
                gz.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        headers.forEach(ex.getResponseHeaders()::set);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
