package org.triggerhappy.camel.fetch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The fetcher's JDK HttpClient, made at the first fetch: making one loads the JDK's TLS set-up, which a run that
 * fetches nothing never needs. HTTP/1.1, redirects left to the fetcher (every hop is checked).
 */
final class LazyHttpClient {

    private final Duration connectTimeout;
    private volatile HttpClient client;

    LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    HttpClient get() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout)
                            .executor(idleTimingOutPool(threads))
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** A small pool for the client's internal completion tasks; idle threads end so an idle service holds none. */
    private static ExecutorService idleTimingOutPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("feed-http"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
