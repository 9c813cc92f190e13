package org.triggerhappy.camel.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Fetches one feed URL (or, with other {@link FetchSettings}, an article page or an image) with a conditional GET,
 * following redirects itself so that every hop passes the {@link AddressPolicy}, and enforcing one deadline over DNS,
 * all hops and the whole body. Thread-safe; share one.
 */
public final class FeedFetcher {

    private final FetchSettings settings;
    private final LazyHttpClient client;
    private final AddressChecks addressChecks;
    private final BodyReader bodyReader;

    public FeedFetcher(FetchSettings settings) {
        this.settings = settings;
        this.client = new LazyHttpClient(settings.connectTimeout());
        this.addressChecks = new AddressChecks(settings.addressPolicy());
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
            URI hop = current;
            addressChecks.check(hop, () -> remaining(deadline, hop));
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
            return client.get().send(request.build(), info -> new DeadlineBodySubscriber(deadline));
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
            throw new FetchException(FetchException.Kind.CONNECT,
                    "TLS failure with " + where + ": " + e.getMessage(), e);
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
}
