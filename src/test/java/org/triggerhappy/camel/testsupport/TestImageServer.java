package org.triggerhappy.camel.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves bytes (images, or anything posing as one) from memory on 127.0.0.1; unknown paths get 404. */
public final class TestImageServer implements AutoCloseable {

    private record Body(byte[] bytes, String contentType) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public TestImageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try (ex) {
                requests.incrementAndGet();
                String path = ex.getRequestURI().getPath();
                perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                Body body = bodies.get(path);
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", body.contentType());
                ex.sendResponseHeaders(200, body.bytes().length == 0 ? -1 : body.bytes().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body.bytes());
                }
            } catch (IOException e) {
                // the client gave up (size cap): nothing to answer
            }
        });
        server.start();
    }

    /** Serves {@code bytes} at {@code path} with this Content-Type; returns the URL. */
    public String put(String path, byte[] bytes, String contentType) {
        bodies.put(path, new Body(bytes, contentType));
        return url(path);
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
        executor.shutdownNow();
    }
}
