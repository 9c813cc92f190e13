package org.triggerhappy.camel.testsupport;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMSystemException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.notestore.SyncChunkFilter;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.Notebook;
import com.evernote.edam.type.Resource;
import com.evernote.edam.type.Tag;
import com.evernote.edam.userstore.Constants;
import com.evernote.thrift.TException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.triggerhappy.camel.testsupport.FakeEvernoteWire.Call;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.triggerhappy.camel.testsupport.FakeEvernoteAccount.userException;

/**
 * A wire-compatible Evernote service on 127.0.0.1 for tests: the real SDK talks Thrift binary over HTTP to it exactly
 * as it would to www.evernote.com. UserStore at {@code /edam/user}, NoteStore at {@code /shard/s1/notestore}; after
 * {@link #enableOAuth}, Evernote's OAuth 1.0a sign-in at {@code /oauth} and {@code /OAuth.action} ({@link FakeEvernoteOAuth}).
 * Accounts are keyed by token; faults can be queued per method ({@link #failNext}). Thread-safe.
 */
public final class FakeEvernote implements AutoCloseable {

    public static final String USER_STORE_PATH = "/edam/user";
    public static final String NOTE_STORE_PATH = "/shard/s1/notestore";
    public static final String OAUTH_PATH = "/oauth";
    public static final String AUTHORISE_PATH = "/OAuth.action";

    private static final Set<String> USER_STORE_METHODS = Set.of("checkVersion", "getNoteStoreUrl", "getUser");

    /** A note as the service stored it; {@code marker}: its triggerhappy-camel application data, if any. */
    public record StoredNote(String guid, String title, String content, String notebookName, List<String> tagNames,
                             String sourceUrl, Instant created, List<Resource> resources, String marker) {
    }

    /** Something that goes wrong (or happens) on the next call of a method. */
    public static final class Fault {
        enum Type { RATE_LIMIT, AUTH_EXPIRED, HTTP_500, DROP_CONNECTION_AFTER_STORE, DELAY, UNKNOWN_ERROR_CODE,
            ENML_VALIDATION, INTERLEAVE, HTML_PAGE, SYSTEM_ERROR, USER_ERROR }

        final Type type;
        final int number;
        final Duration delay;
        final Runnable action;
        final String text;

        private Fault(Type type, int number, Duration delay, Runnable action) {
            this(type, number, delay, action, null);
        }

        private Fault(Type type, int number, Duration delay, Runnable action, String text) {
            this.type = type;
            this.number = number;
            this.delay = delay;
            this.action = action;
            this.text = text;
        }

        /**
         * A maintenance page: status 200, an HTML body, the given Content-Type (a proxy may even label it
         * application/x-thrift). The call does not reach the service.
         */
        public static Fault htmlPage(String contentType) {
            return new Fault(Type.HTML_PAGE, 0, null, null, Objects.requireNonNull(contentType));
        }

        /** EDAMSystemException with this code (INTERNAL_ERROR, SHARD_UNAVAILABLE, …); the call has no effect. */
        public static Fault systemError(EDAMErrorCode code) {
            return new Fault(Type.SYSTEM_ERROR, code.getValue(), null, null);
        }

        /** EDAMUserException with this code and parameter; the call has no effect. */
        public static Fault userError(EDAMErrorCode code, String parameter) {
            return new Fault(Type.USER_ERROR, code.getValue(), null, null, parameter);
        }

        @Override
        public String toString() {
            return type + (number != 0 ? "(" + number + ")" : "") + (delay != null ? "(" + delay + ")" : "");
        }

        /** EDAMSystemException RATE_LIMIT_REACHED with rateLimitDuration. */
        public static Fault rateLimit(int seconds) {
            return new Fault(Type.RATE_LIMIT, seconds, null, null);
        }

        /** EDAMUserException AUTH_EXPIRED, parameter authenticationToken. */
        public static Fault authExpired() {
            return new Fault(Type.AUTH_EXPIRED, 0, null, null);
        }

        /** HTTP 500 with an empty body. */
        public static Fault http500() {
            return new Fault(Type.HTTP_500, 0, null, null);
        }

        /** Performs the call (e.g. stores the note), then closes the connection without any response. */
        public static Fault dropConnectionAfterStore() {
            return new Fault(Type.DROP_CONNECTION_AFTER_STORE, 0, null, null);
        }

        /** Sleeps before handling the call, e.g. past the client's read timeout; the call still takes effect. */
        public static Fault delay(Duration delay) {
            return new Fault(Type.DELAY, 0, Objects.requireNonNull(delay), null);
        }

        /** An EDAMSystemException with a code the 1.25.1 SDK does not know (20–28): the client sees TProtocolException. */
        public static Fault unknownErrorCode(int code) {
            return new Fault(Type.UNKNOWN_ERROR_CODE, code, null, null);
        }

        /** EDAMUserException ENML_VALIDATION with a Xerces-style message, whatever the content. */
        public static Fault enmlValidation() {
            return new Fault(Type.ENML_VALIDATION, 0, null, null);
        }

        /** Runs {@code action} (e.g. another client creating the same notebook), then handles the call normally. */
        public static Fault interleave(Runnable action) {
            return new Fault(Type.INTERLEAVE, 0, null, Objects.requireNonNull(action));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final FakeEvernoteEnml enml = new FakeEvernoteEnml();
    private final Map<String, FakeEvernoteAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> userAgents = ConcurrentHashMap.newKeySet();
    private final AtomicInteger userIds = new AtomicInteger(1000);
    private final long latencyNanos;
    private final FakeEvernoteOAuth oauth;
    private volatile long searchLagMillis;

    public FakeEvernote() {
        this(Duration.ZERO, 16);
    }

    /**
     * A service that answers every call after {@code latency} (like a distant Evernote), with {@code handlerThreads}
     * handler threads: at least the number of calls that should wait in parallel.
     */
    public FakeEvernote(Duration latency, int handlerThreads) {
        this.latencyNanos = latency.toNanos();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(handlerThreads, r -> {
            Thread thread = new Thread(r, "fake-evernote-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(USER_STORE_PATH, exchange -> handle(exchange, true));
        server.createContext(NOTE_STORE_PATH, exchange -> handle(exchange, false));
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        oauth = new FakeEvernoteOAuth(baseUrl, this);
        // Exact paths: the HttpServer matches contexts by prefix, and /OAuth.action must not fall under /oauth.
        server.createContext(OAUTH_PATH, exchange -> {
            if (exchange.getRequestURI().getPath().equals(OAUTH_PATH)) {
                oauth.handleOAuth(exchange);
            } else {
                notFound(exchange);
            }
        });
        server.createContext(AUTHORISE_PATH, exchange -> {
            if (exchange.getRequestURI().getPath().equals(AUTHORISE_PATH)) {
                oauth.handleAuthorise(exchange);
            } else {
                notFound(exchange);
            }
        });
        server.start();
    }

    /**
     * Turns on Evernote's OAuth 1.0a endpoints ({@code /oauth}, {@code /OAuth.action}) for an application with this
     * API key: requests signed otherwise get 401. Each sign-in is allowed at once and issues a new token for the
     * account named by {@link #signInAs} (default {@code oauth-user}).
     */
    public void enableOAuth(String consumerKey, String consumerSecret) {
        oauth.enable(consumerKey, consumerSecret);
    }

    /** Later OAuth sign-ins reach the account of this Evernote user name: an existing one, else a new one. */
    public void signInAs(String evernoteUsername) {
        oauth.signInAs(evernoteUsername);
    }

    /** The next OAuth authorisation is declined: the browser goes back to the callback without a verifier. */
    public void denyNextAuthorisation() {
        oauth.denyNext();
    }

    /** The tokens OAuth sign-ins have issued, oldest first. */
    public List<String> oauthTokens() {
        return oauth.issuedTokens();
    }

    /** The account of this Evernote user name, or a new one (reachable once {@link #link} gives it a token). */
    synchronized FakeEvernoteAccount accountNamed(String username) {
        for (FakeEvernoteAccount account : accounts.values()) {
            if (account.username().equals(username)) {
                return account;
            }
        }
        return newAccount(username);
    }

    /** {@code token} now reaches {@code account}, as a new OAuth token does. */
    synchronized void link(String token, FakeEvernoteAccount account) {
        accounts.put(token, account);
    }

    private FakeEvernoteAccount newAccount(String username) {
        return new FakeEvernoteAccount(userIds.incrementAndGet(), username, enml, () -> searchLagMillis);
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    /** e.g. {@code http://127.0.0.1:43123}; the UserStore is at {@code baseUrl() + "/edam/user"}. */
    public String baseUrl() {
        return baseUrl;
    }

    public void addAccount(String token, String username) {
        if (accounts.putIfAbsent(token, newAccount(username)) != null) {
            throw new IllegalArgumentException("account exists for this token");
        }
    }

    /** Queues a fault for the next call of {@code method}; several faults for one method apply in order. */
    public void failNext(String method, Fault fault) {
        faults.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(fault);
    }

    /** Every later call with this token gets AUTH_EXPIRED. */
    public void expireToken(String token) {
        account(token);
        expiredTokens.add(token);
    }

    /** The user re-authorised: {@code newToken} reaches the same account, {@code oldToken} is expired. */
    public void renewToken(String oldToken, String newToken) {
        accounts.put(newToken, account(oldToken));
        expiredTokens.add(oldToken);
    }

    /**
     * How long a created note stays invisible to findNotesMetadata, as Evernote's search index is updated
     * asynchronously (default zero); getSyncState and getFilteredSyncChunk see it at once. For every account.
     */
    public void setSearchLag(Duration lag) {
        searchLagMillis = lag.toMillis();
    }

    /** getFilteredSyncChunk gets PERMISSION_DENIED for this account. */
    public void refuseSync(String token) {
        account(token).denySync();
    }

    /** findNotesMetadata/getNote get PERMISSION_DENIED, like a "Basic" API key. */
    public void permissionDeniedSearch(String token) {
        account(token).denySearch();
    }

    /** Creates a notebook as another client would (no fault, not counted); returns its guid. */
    public String addNotebook(String token, String name) {
        try {
            return account(token).addNotebook(name);
        } catch (EDAMUserException e) {
            throw new IllegalArgumentException("cannot add notebook: " + e.getErrorCode() + " " + e.getParameter());
        }
    }

    /** Deletes a notebook and its notes as the user would in the app; false if there is none of that name. */
    public boolean deleteNotebook(String token, String name) {
        return account(token).deleteNotebook(name);
    }

    public List<StoredNote> notes(String token) {
        return account(token).storedNotes();
    }

    /**
     * The account's upload allowance: {@code limit} bytes (content plus resources) per period, the current period
     * ending at {@code periodEnd}; then uploads count from zero again for a month. Default: a Free account's
     * EDAM_USER_UPLOAD_LIMIT_FREE until the start of next month (UTC). createNote beyond it gets QUOTA_REACHED.
     */
    public void setUploadLimit(String token, long limit, Instant periodEnd) {
        account(token).uploadLimit(limit, periodEnd);
    }

    /** Sets the bytes already uploaded in the current period (e.g. close to the limit). */
    public void setUploaded(String token, long bytes) {
        account(token).uploaded(bytes);
    }

    /** Bytes uploaded in the current period, as getSyncState().uploaded answers. */
    public long uploaded(String token) {
        return account(token).uploaded();
    }

    public List<String> notebookNames(String token) {
        return account(token).notebookNames();
    }

    public List<String> tagNames(String token) {
        return account(token).tagNames();
    }

    /** Every User-Agent header seen so far. */
    public Set<String> userAgents() {
        return Set.copyOf(userAgents);
    }

    /** How many requests for {@code method} arrived, faulted ones included. */
    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** How many requests arrived in all, for any method. */
    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private FakeEvernoteAccount account(String token) {
        FakeEvernoteAccount account = accounts.get(token);
        if (account == null) {
            throw new IllegalArgumentException("no account for this token");
        }
        return account;
    }

    private void handle(HttpExchange exchange, boolean userStore) {
        try {
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (userAgent != null) {
                userAgents.add(userAgent);
            }
            Call call = FakeEvernoteWire.readCall(exchange.getRequestBody().readAllBytes());
            calls.computeIfAbsent(call.method(), m -> new AtomicInteger()).incrementAndGet();
            if (latencyNanos > 0) {
                Thread.sleep(latencyNanos / 1_000_000, (int) (latencyNanos % 1_000_000));
            }
            Fault fault = nextFault(call.method());
            if (fault != null && fault.type == Fault.Type.HTTP_500) {
                respond(exchange, 500, new byte[0]);
                return;
            }
            if (fault != null && fault.type == Fault.Type.HTML_PAGE) {
                respond(exchange, 200, fault.text, MAINTENANCE_PAGE);
                return;
            }
            byte[] reply = fault == null ? dispatch(call, userStore) : withFault(fault, call, userStore);
            if (reply == null) {
                return; // dropped: closing the exchange before sending headers closes the connection
            }
            respond(exchange, 200, reply);
        } catch (TException e) {
            respondQuietly(exchange, 400);
        } catch (IOException e) {
            // the client went away (e.g. its read timeout fired); nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug in the fake: make it visible in the test output
            respondQuietly(exchange, 500);
        } finally {
            exchange.close();
        }
    }

    private Fault nextFault(String method) {
        Queue<Fault> queue = faults.get(method);
        return queue == null ? null : queue.poll();
    }

    /** The reply to send under {@code fault}, or null to drop the connection. */
    private byte[] withFault(Fault fault, Call call, boolean userStore) throws TException, InterruptedException {
        switch (fault.type) {
            case RATE_LIMIT:
                EDAMSystemException rateLimit = new EDAMSystemException(EDAMErrorCode.RATE_LIMIT_REACHED);
                rateLimit.setRateLimitDuration(fault.number);
                return FakeEvernoteWire.exception(call, 2, rateLimit);
            case AUTH_EXPIRED:
                return FakeEvernoteWire.exception(call, 1,
                        userException(EDAMErrorCode.AUTH_EXPIRED, "authenticationToken"));
            case ENML_VALIDATION:
                return FakeEvernoteWire.exception(call, 1, userException(EDAMErrorCode.ENML_VALIDATION,
                        "Element type \"script\" must be declared."));
            case UNKNOWN_ERROR_CODE:
                return FakeEvernoteWire.rawSystemException(call, fault.number);
            case SYSTEM_ERROR:
                return FakeEvernoteWire.exception(call, 2, new EDAMSystemException(EDAMErrorCode.findByValue(fault.number)));
            case USER_ERROR:
                return FakeEvernoteWire.exception(call, 1,
                        userException(EDAMErrorCode.findByValue(fault.number), fault.text));
            case DROP_CONNECTION_AFTER_STORE:
                dispatch(call, userStore);
                return null;
            case DELAY:
                Thread.sleep(fault.delay.toMillis());
                return dispatch(call, userStore);
            case INTERLEAVE:
                fault.action.run();
                return dispatch(call, userStore);
            default:
                throw new IllegalStateException("unhandled fault " + fault.type);
        }
    }

    private byte[] dispatch(Call call, boolean userStore) throws TException {
        boolean known = USER_STORE_METHODS.contains(call.method()) == userStore;
        try {
            return known ? invoke(call) : FakeEvernoteWire.unknownMethod(call);
        } catch (EDAMUserException e) {
            return FakeEvernoteWire.exception(call, 1, e);
        } catch (EDAMSystemException e) {
            return FakeEvernoteWire.exception(call, 2, e);
        } catch (EDAMNotFoundException e) {
            return FakeEvernoteWire.exception(call, 3, e);
        }
    }

    private byte[] invoke(Call call)
            throws TException, EDAMUserException, EDAMSystemException, EDAMNotFoundException {
        switch (call.method()) {
            case "checkVersion":
                Object major = call.args().get((short) 2);
                return FakeEvernoteWire.success(call, Short.valueOf(Constants.EDAM_VERSION_MAJOR).equals(major));
            case "getNoteStoreUrl":
                caller(call);
                return FakeEvernoteWire.success(call, baseUrl + NOTE_STORE_PATH);
            case "getUser":
                return FakeEvernoteWire.success(call, caller(call).user());
            case "listNotebooks":
                return FakeEvernoteWire.success(call, caller(call).listNotebooks());
            case "getDefaultNotebook":
                return FakeEvernoteWire.success(call, caller(call).defaultNotebook());
            case "createNotebook":
                return FakeEvernoteWire.success(call, caller(call).createNotebook(call.struct(2, Notebook.class)));
            case "listTags":
                return FakeEvernoteWire.success(call, caller(call).listTags());
            case "createTag":
                return FakeEvernoteWire.success(call, caller(call).createTag(call.struct(2, Tag.class)));
            case "createNote":
                return FakeEvernoteWire.success(call, caller(call).createNote(call.struct(2, Note.class)));
            case "findNotesMetadata":
                return FakeEvernoteWire.success(call, caller(call).findNotesMetadata(
                        call.struct(2, NoteFilter.class), call.i32(3, 0), call.i32(4, 0),
                        call.struct(5, NotesMetadataResultSpec.class)));
            case "getNote":
                return FakeEvernoteWire.success(call, caller(call).getNote(call.string(2), call.bool(3), call.bool(4)));
            case "getSyncState":
                return FakeEvernoteWire.success(call, caller(call).syncState());
            case "getFilteredSyncChunk":
                return FakeEvernoteWire.success(call, caller(call).filteredSyncChunk(call.i32(2, 0), call.i32(3, 0),
                        call.struct(4, SyncChunkFilter.class)));
            default:
                return FakeEvernoteWire.unknownMethod(call);
        }
    }

    /** The account behind the call's token (argument 1), checked like the service does. */
    private FakeEvernoteAccount caller(Call call) throws EDAMUserException {
        String token = call.string(1);
        FakeEvernoteAccount account = token == null ? null : accounts.get(token);
        if (account == null) {
            throw userException(EDAMErrorCode.INVALID_AUTH, "authenticationToken");
        }
        if (expiredTokens.contains(token)) {
            throw userException(EDAMErrorCode.AUTH_EXPIRED, "authenticationToken");
        }
        return account;
    }

    private static final byte[] MAINTENANCE_PAGE = ("<!DOCTYPE html>\n<html><head><title>Service Unavailable</title>"
            + "</head><body><h1>Evernote is down for maintenance</h1><p>We'll be back shortly.</p></body></html>\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        respond(exchange, status, "application/x-thrift", body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void respondQuietly(HttpExchange exchange, int status) {
        try {
            respond(exchange, status, new byte[0]);
        } catch (IOException | RuntimeException e) {
            // headers already sent or client gone
        }
    }
}
