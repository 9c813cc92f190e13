package org.triggerhappy.camel.evernote;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed Evernote call, classified so the caller can decide what to do (see {@link EvernoteErrors}).
 * The message is safe to log: it never contains the token.
 */
public final class EvernoteFailure extends Exception {

    public enum Kind {
        /** Hourly API limit for this user: stop all calls for the account for {@link #rateLimitSeconds()}. */
        RATE_LIMITED,
        /** Token expired or revoked: the user must authorise again. */
        AUTH_EXPIRED,
        /** Token not accepted at all. */
        INVALID_AUTH,
        /** The service rejected the note's ENML; {@link #detail()} is the validator's message. */
        ENML_INVALID,
        /** Nothing was written (or the call is safe to repeat): retry later. */
        TRANSIENT,
        /** createNote may or may not have been stored: reconcile (findBySourceUrl) before retrying. */
        AMBIGUOUS,
        /** The token's API key may not do this (e.g. a Basic key searching notes). */
        PERMISSION_DENIED,
        /** The account's upload quota is used up. */
        QUOTA,
        /** Retrying the same request will fail the same way. */
        PERMANENT
    }

    private final Kind kind;
    private final String detail;
    private final Integer rateLimitSeconds;

    public EvernoteFailure(Kind kind, String detail, Throwable cause) {
        this(kind, detail, null, cause);
    }

    private EvernoteFailure(Kind kind, String detail, Integer rateLimitSeconds, Throwable cause) {
        super(message(kind, detail, rateLimitSeconds), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = detail == null ? "" : detail;
        this.rateLimitSeconds = rateLimitSeconds;
    }

    /** RATE_LIMITED; {@code seconds} is null when the service did not say how long. */
    public static EvernoteFailure rateLimited(Integer seconds, String detail, Throwable cause) {
        return new EvernoteFailure(Kind.RATE_LIMITED, detail, seconds, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds to wait before any further call for this account; present only for RATE_LIMITED. */
    public OptionalInt rateLimitSeconds() {
        return rateLimitSeconds == null ? OptionalInt.empty() : OptionalInt.of(rateLimitSeconds);
    }

    /** What the service or transport said (error code and parameter, validator message, HTTP status …). */
    public String detail() {
        return detail;
    }

    /** The same failure with another detail and without the cause (used when the cause could reveal the token). */
    EvernoteFailure redacted(String newDetail) {
        return new EvernoteFailure(kind, newDetail, rateLimitSeconds, null);
    }

    private static String message(Kind kind, String detail, Integer rateLimitSeconds) {
        String text = kind + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        return rateLimitSeconds == null ? text : text + " (retry after " + rateLimitSeconds + " s)";
    }
}
