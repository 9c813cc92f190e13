package org.triggerhappy.camel.fetch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Why a feed could not be fetched; {@link #kind()} drives the caller's retry and backoff decision. */
public final class FetchException extends Exception {

    /** The failure classes a poller reacts to differently. */
    public enum Kind {
        TIMEOUT, CONNECT, DNS, HTTP_STATUS, GONE, RATE_LIMITED, TOO_LARGE, TOO_MANY_REDIRECTS, REDIRECT_LOOP,
        BLOCKED_ADDRESS, INVALID_URL, IO
    }

    private final Kind kind;
    private final int httpStatus;
    private final transient Duration retryAfter;

    public FetchException(Kind kind, String message) {
        this(kind, 0, null, message, null);
    }

    public FetchException(Kind kind, String message, Throwable cause) {
        this(kind, 0, null, message, cause);
    }

    public FetchException(Kind kind, int httpStatus, Duration retryAfter, String message) {
        this(kind, httpStatus, retryAfter, message, null);
    }

    private FetchException(Kind kind, int httpStatus, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused the failure, 0 when the failure was not an HTTP status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's Retry-After (429/503), when it sent a parsable one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
