package org.triggerhappy.camel.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Fetches one feed URL (or, with other {@link FetchSettings}, an article page or an image) with a conditional GET, following redirects itself so that every hop passes the
 * {@link AddressPolicy}, and enforcing one deadline over DNS, all hops and the whole body. Thread-safe; share one.
 */
public final class FeedFetcher {

    private final FetchSettings settings;
    /** Made at the first fetch: making one loads the JDK's TLS set-up, which a run that fetches nothing never needs. */
    private volatile HttpClient client;
    private final ExecutorService dnsExecutor;
    private final RecentlyResolved recentlyResolved = new RecentlyResolved();
    private final BodyReader bodyReader;

    public FeedFetcher(FetchSettings settings) {
        this.settings = settings;
        // DNS lookups block without a JDK timeout; they run here so the caller can stop waiting at the deadline.
        // When all threads hang (DNS outage) the caller resolves itself, bounded by the system resolver timeout.
        this.dnsExecutor = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("feed-dns"), new ThreadPoolExecutor.CallerRunsPolicy());
        this.bodyReader = new BodyReader(settings.maxBodyBytes());
    }

    /**
     * GETs the URL, sending If-None-Match / If-Modified-Since when given (null to omit).
     *
     * @return status 200 (2xx) with the decompressed body, or 304 with an empty body
     * @throws FetchException with a {@link FetchException.Kind} and a message naming the reason
     */
    public FetchResult fetch(String url, String etag, String lastModified) throws FetchException {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        URI current = parseUrl(url);
        Set<URI> visited = new HashSet<>();
        visited.add(current);
        PermanentRedirects permanent = new PermanentRedirects();
        for (int redirects = 0; ; redirects++) {
            checkAddress(current, deadline);
            HttpResponse<InputStream> response = send(current, etag, lastModified, deadline);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (isRedirect(status)) {
                    URI next = location(response, current);
                    if (redirects >= settings.maxRedirects()) {
                        throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                                "more than " + settings.maxRedirects() + " redirects, last to " + Urls.display(next));
                    }
                    if (!visited.add(next)) {
                        throw new FetchException(FetchException.Kind.REDIRECT_LOOP,
                                "redirect loop at " + Urls.display(next));
                    }
                    permanent.hop(status, next);
                    current = next;
                    continue;
                }
                return complete(response, body, current, permanent.url(), etag, lastModified);
            } catch (IOException e) {
                throw new FetchException(FetchException.Kind.IO, "error closing the response: " + e.getMessage(), e);
            }
        }
    }

    private FetchResult complete(HttpResponse<InputStream> response, InputStream body, URI url, String permanentUrl,
                                 String sentEtag, String sentLastModified) throws FetchException {
        int status = response.statusCode();
        String etag = header(response, "ETag");
        String lastModified = header(response, "Last-Modified");
        Duration maxAge = ResponseHeaders.maxAge(header(response, "Cache-Control"));
        String contentType = header(response, "Content-Type");
        if (status == 304) {
            return new FetchResult(304, new byte[0], url.toString(), permanentUrl,
                    etag != null ? etag : sentEtag, lastModified != null ? lastModified : sentLastModified,
                    maxAge, contentType);
        }
        if (status < 200 || status > 299) {
            throw statusError(response);
        }
        String encoding = header(response, "Content-Encoding");
        long declaredLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if ((encoding == null || encoding.isBlank()) && declaredLength > settings.maxBodyBytes()) {
            throw new FetchException(FetchException.Kind.TOO_LARGE,
                    "body exceeds " + settings.maxBodyBytes() + " bytes (Content-Length " + declaredLength + ")");
        }
        byte[] bytes = bodyReader.read(body, encoding);
        return new FetchResult(status, bytes, url.toString(), permanentUrl, etag, lastModified, maxAge, contentType);
    }

    private static FetchException statusError(HttpResponse<?> response) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = ResponseHeaders.retryAfter(header(response, "Retry-After"), Instant.now());
        String message = ResponseHeaders.statusLine(status)
                + retryAfter.map(d -> " (retry after " + d.toSeconds() + " s)").orElse("");
        if (status == 410) {
            return new FetchException(FetchException.Kind.GONE, status, null, message);
        }
        if (status == 429 || status == 503 && retryAfter.isPresent()) {
            return new FetchException(FetchException.Kind.RATE_LIMITED, status, retryAfter.orElse(null), message);
        }
        return new FetchException(FetchException.Kind.HTTP_STATUS, status, retryAfter.orElse(null), message);
    }

    private HttpResponse<InputStream> send(URI uri, String etag, String lastModified, long deadline)
            throws FetchException {
        Duration remaining = remaining(deadline, uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("User-Agent", settings.userAgent())
                .header("Accept", settings.accept())
                .header("Accept-Encoding", "gzip");
        if (etag != null && !etag.isBlank()) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            request.header("If-Modified-Since", lastModified);
        }
        String where = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        try {
            return client().send(request.build(), info -> new DeadlineBodySubscriber(deadline));
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT,
                    "connect to " + where + " timed out after " + settings.connectTimeout().toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, "no response from " + where
                    + " within the total timeout of " + settings.totalTimeout().toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new FetchException(FetchException.Kind.CONNECT, "cannot connect to " + where + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), e);
        } catch (SSLException e) {
            throw new FetchException(FetchException.Kind.CONNECT, "TLS failure with " + where + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.IO, "I/O error with " + where + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), e);
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.INVALID_URL, "invalid URL " + Urls.display(uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted while fetching " + Urls.display(uri), e);
        }
    }

    private void checkAddress(URI uri, long deadline) throws FetchException {
        if (recentlyResolved.answersAtOnce(uri.getHost())) {
            // An IP literal, or a name the JDK resolved moments ago (its cache answers): no thread hop needed.
            settings.addressPolicy().check(uri);
            return;
        }
        Duration remaining = remaining(deadline, uri);
        CompletableFuture<Void> check = CompletableFuture.runAsync(() -> {
            try {
                settings.addressPolicy().check(uri);
            } catch (FetchException e) {
                throw new CompletionException(e);
            }
        }, dnsExecutor);
        try {
            check.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
            recentlyResolved.resolved(uri.getHost());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException fe) {
                throw fe;
            }
            throw new FetchException(FetchException.Kind.IO, "address check failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT,
                    "DNS lookup of " + uri.getHost() + " did not finish within the total timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted while resolving " + uri.getHost(), e);
        }
    }

    private Duration remaining(long deadline, URI uri) throws FetchException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new FetchException(FetchException.Kind.TIMEOUT, "total timeout of "
                    + settings.totalTimeout().toSeconds() + " s passed before " + Urls.display(uri));
        }
        return Duration.ofNanos(nanos);
    }

    private static URI parseUrl(String url) throws FetchException {
        if (url == null || url.isBlank()) {
            throw new FetchException(FetchException.Kind.INVALID_URL, "no URL given");
        }
        try {
            return Urls.parse(url);
        } catch (URISyntaxException e) {
            // not e.getMessage(): it repeats the whole input, credentials included
            throw new FetchException(FetchException.Kind.INVALID_URL,
                    "invalid URL: " + e.getReason() + " at index " + e.getIndex(), e);
        }
    }

    private static URI location(HttpResponse<?> response, URI current) throws FetchException {
        String location = header(response, "Location");
        if (location == null || location.isBlank()) {
            throw new FetchException(FetchException.Kind.HTTP_STATUS, response.statusCode(), null,
                    ResponseHeaders.statusLine(response.statusCode()) + " redirect without a Location header");
        }
        try {
            return Urls.resolve(current, location);
        } catch (URISyntaxException e) {
            throw new FetchException(FetchException.Kind.INVALID_URL,
                    "invalid redirect Location from " + Urls.display(current) + ": " + e.getReason(), e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(settings.connectTimeout())
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
                new LinkedBlockingQueue<>(), daemonThreads("feed-http"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Tracks the leading run of 301/308 hops (FreshRSS permanent_url): only that target is worth persisting. */
    private static final class PermanentRedirects {
        private boolean runActive = true;
        private URI last;

        void hop(int status, URI target) {
            if (runActive && (status == 301 || status == 308)) {
                last = target;
            } else {
                runActive = false;
            }
        }

        String url() {
            return last == null ? null : last.toString();
        }
    }
}
