package org.triggerhappy.camel.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most N fetches at once per host (host:port), so many triggers on one site (FeedBurner, a shared blog host)
 * don't hammer it into 429s (Miniflux's POLLING_LIMIT_PER_HOST). Waiting threads block; a host's permits are
 * created on first use and are tiny, so the map is not pruned.
 */
public final class HostLimiter {
    private final int perHost;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    public HostLimiter(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("per-host limit must be at least 1");
        }
        this.perHost = perHost;
    }

    /** Runs the work holding one of the host's permits. */
    public <T, E extends Exception> T withPermit(String url, ThrowingSupplier<T, E> work) throws E {
        Semaphore s = permits.computeIfAbsent(hostKey(url), k -> new Semaphore(perHost, true));
        s.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            s.release();
        }
    }

    static String hostKey(String url) {
        try {
            URI u = URI.create(url.trim());
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            return host + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            return ""; // the fetcher reports the bad URL itself
        }
    }

    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }
}
