package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMSystemException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.thrift.TApplicationException;
import com.evernote.thrift.protocol.TProtocolException;
import com.evernote.thrift.transport.TTransportException;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what the SDK throws to an {@link EvernoteFailure}. Only what cannot succeed by waiting is PERMANENT: the
 * note itself is invalid (bad format, missing or too long a field, too large) or the account's notebook or tag
 * limit is reached. Everything else the service or the way to it may get over is
 * TRANSIENT: unknown error codes, INTERNAL_ERROR, SHARD_UNAVAILABLE, any HTTP status, replies that are not Thrift.
 * When a createNote may have reached the service and its outcome is unknown (connection lost after sending, an
 * unreadable reply, a gateway's 502/504), it is AMBIGUOUS: the note may exist.
 */
final class EvernoteErrors {

    /** Whether repeating the call after an unknown outcome could do harm. */
    enum Call {
        /** Reads, and creates that are idempotent by name (createNotebook/createTag answer DATA_CONFLICT on repeat). */
        REPEATABLE,
        /** createNote: the service never deduplicates, so a lost reply leaves the outcome unknown. */
        CREATE_NOTE
    }

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP Response code: (\\d{3})");

    private EvernoteErrors() {
    }

    /**
     * @param secret the token of the call: removed from the detail, and the cause dropped if it mentions it
     */
    static EvernoteFailure classify(Exception e, Call call, String secret) {
        EvernoteFailure failure = classify(e, call);
        if (secret == null || secret.isEmpty() || !mentions(failure, secret)) {
            return failure;
        }
        return failure.redacted(failure.detail().replace(secret, "[token]"));
    }

    static EvernoteFailure classify(Exception e, Call call) {
        if (e instanceof EDAMUserException user) {
            return userError(user);
        }
        if (e instanceof EDAMSystemException system) {
            return systemError(system);
        }
        if (e instanceof EDAMNotFoundException notFound) {
            // the gateway already retried once with fresh notebooks and tags: one deleted meanwhile, try again later
            return new EvernoteFailure(Kind.TRANSIENT,
                    "not found: " + notFound.getIdentifier() + " " + notFound.getKey(), e);
        }
        if (e instanceof TTransportException transport) {
            return transportError(transport, call);
        }
        if (e instanceof TProtocolException) {
            return unclear(call, "unreadable reply from the service (not Thrift, or an error code unknown to SDK"
                    + " 1.25.1): " + e.getMessage(), e);
        }
        if (e instanceof TApplicationException) {
            return unclear(call, "the service failed the call: " + e.getMessage(), e);
        }
        return unclear(call, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** A reply that says nothing about the outcome: a createNote may have been stored, anything else is retried. */
    private static EvernoteFailure unclear(Call call, String detail, Exception e) {
        return new EvernoteFailure(call == Call.CREATE_NOTE ? Kind.AMBIGUOUS : Kind.TRANSIENT, detail, e);
    }

    private static EvernoteFailure userError(EDAMUserException e) {
        EDAMErrorCode code = e.getErrorCode();
        String parameter = e.getParameter();
        if (code == null) {
            return new EvernoteFailure(Kind.TRANSIENT, "EDAMUserException with an error code unknown to SDK 1.25.1", e);
        }
        String detail = parameter == null ? code.name() : code.name() + " " + parameter;
        switch (code) {
            case AUTH_EXPIRED: return new EvernoteFailure(Kind.AUTH_EXPIRED, detail, e);
            case INVALID_AUTH: return new EvernoteFailure(Kind.INVALID_AUTH, detail, e);
            case ENML_VALIDATION: return new EvernoteFailure(Kind.ENML_INVALID, parameter == null ? detail : parameter, e);
            case PERMISSION_DENIED: return new EvernoteFailure(Kind.PERMISSION_DENIED, detail, e);
            case QUOTA_REACHED: return new EvernoteFailure(Kind.QUOTA, detail, e);
            case LIMIT_REACHED: return new EvernoteFailure(Kind.PERMANENT, limit(parameter, detail), e);
            case BAD_DATA_FORMAT:
            case DATA_REQUIRED:
            case LEN_TOO_SHORT:
            case LEN_TOO_LONG:
            case TOO_FEW:
            case TOO_MANY:
                return new EvernoteFailure(Kind.PERMANENT, "invalid note: " + detail, e);
            default: return new EvernoteFailure(Kind.TRANSIENT, detail, e); // INTERNAL_ERROR, SHARD_UNAVAILABLE, …
        }
    }

    private static String limit(String parameter, String detail) {
        if ("Notebook.name".equals(parameter) || "Notebook".equals(parameter)) {
            return "the account's notebook limit is reached: " + detail;
        }
        if ("Tag.name".equals(parameter) || "Tag".equals(parameter)) {
            return "the account's tag limit is reached: " + detail;
        }
        return "invalid note: " + detail;
    }

    private static EvernoteFailure systemError(EDAMSystemException e) {
        EDAMErrorCode code = e.getErrorCode();
        if (code == null) {
            return new EvernoteFailure(Kind.TRANSIENT, "EDAMSystemException with an error code unknown to SDK 1.25.1", e);
        }
        String detail = e.getMessage() == null ? code.name() : code.name() + " " + e.getMessage();
        if (code == EDAMErrorCode.RATE_LIMIT_REACHED) {
            return EvernoteFailure.rateLimited(e.isSetRateLimitDuration() ? e.getRateLimitDuration() : null, detail, e);
        }
        return new EvernoteFailure(Kind.TRANSIENT, detail, e); // INTERNAL_ERROR, SHARD_UNAVAILABLE, …
    }

    private static EvernoteFailure transportError(TTransportException e, Call call) {
        Matcher status = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
        if (status.find()) {
            return httpError(Integer.parseInt(status.group(1)), call, e);
        }
        IOException io = ioCause(e);
        String detail = io == null ? String.valueOf(e.getMessage()) : io.getClass().getSimpleName() + ": " + io.getMessage();
        if (io != null && neverSent(io)) {
            return new EvernoteFailure(Kind.TRANSIENT, "could not reach the service: " + detail, e);
        }
        // The request may have been written and processed; only the reply is missing (drop, reset, read timeout).
        return call == Call.CREATE_NOTE
                ? new EvernoteFailure(Kind.AMBIGUOUS, "no reply to createNote, the note may exist: " + detail, e)
                : new EvernoteFailure(Kind.TRANSIENT, "connection failed: " + detail, e);
    }

    private static EvernoteFailure httpError(int status, Call call, TTransportException e) {
        String detail = "HTTP " + status;
        if (call == Call.CREATE_NOTE && (status == 502 || status == 504)) {
            // a gateway reporting that the service behind it broke off or timed out: it may have stored the note
            return new EvernoteFailure(Kind.AMBIGUOUS, detail + " from a gateway, the note may exist", e);
        }
        // a proxy, captive portal or maintenance page speaks HTTP; the service answers Thrift with 200
        return new EvernoteFailure(Kind.TRANSIENT, detail, e);
    }

    /** Failures that happen before the request is written: connecting, resolving, TLS handshake. */
    private static boolean neverSent(IOException io) {
        if (io instanceof ConnectException || io instanceof UnknownHostException
                || io instanceof NoRouteToHostException || io instanceof SSLHandshakeException) {
            return true;
        }
        return io instanceof SocketTimeoutException
                && String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static boolean mentions(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(secret) || String.valueOf(t).contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
