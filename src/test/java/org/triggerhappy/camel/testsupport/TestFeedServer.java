package org.triggerhappy.camel.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves feeds from memory on 127.0.0.1 with ETag support; documents can be changed between polls. Also serves raw
 * bytes with a given Content-Type (images, or anything posing as one).
 */
public final class TestFeedServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> docs = new ConcurrentHashMap<>();
    private final Map<String, Raw> raws = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long delayMillis;
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();

    public TestFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(32));
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = ex.getRequestURI().getPath();
            perPath.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            String location = redirects.get(path);
            if (location != null) {
                ex.getResponseHeaders().set("Location", location);
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            Integer status = statuses.get(path);
            Raw raw = raws.get(path);
            if (status == null && raw != null) {
                respondRaw(ex, raw);
                return;
            }
            String doc = docs.get(path);
            if (status != null || doc == null) {
                ex.sendResponseHeaders(status != null ? status : 404, -1);
                ex.close();
                return;
            }
            byte[] body = doc.getBytes(StandardCharsets.UTF_8);
            String etag = "\"" + Integer.toHexString(doc.hashCode()) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            ex.getResponseHeaders().set("ETag", etag);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private record Raw(byte[] body, String contentType) {
    }

    /** Serves {@code body} as it is at {@code path}, with this Content-Type; returns the URL. */
    public String put(String path, byte[] body, String contentType) {
        raws.put(path, new Raw(body, contentType));
        statuses.remove(path);
        return url(path);
    }

    private static void respondRaw(com.sun.net.httpserver.HttpExchange ex, Raw raw) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", raw.contentType());
            ex.sendResponseHeaders(200, raw.body().length == 0 ? -1 : raw.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(raw.body());
            }
        } catch (IOException e) {
            // the client gave up (size cap): nothing to answer
        }
    }

    /** Serves a text document (an article page, …) with this Content-Type. */
    public String put(String path, String document, String contentType) {
        return put(path, document.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
    }

    public String put(String path, String document) {
        docs.put(path, document);
        statuses.remove(path);
        return url(path);
    }

    /** Every answer waits this long first (a slow, latency-bound feed host). */
    public void delay(java.time.Duration d) {
        delayMillis = d.toMillis();
    }

    /** Answers {@code path} with a 302 to {@code location} (a path or a whole URL). */
    public void redirect(String path, String location) {
        redirects.put(path, location);
    }

    public void fail(String path, int status) {
        statuses.put(path, status);
    }

    public String url(String path) {
        return "http://" + hostPort() + path;
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    public int requests(String path) {
        AtomicInteger n = perPath.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
