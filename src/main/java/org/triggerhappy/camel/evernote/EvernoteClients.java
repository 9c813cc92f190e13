package org.triggerhappy.camel.evernote;

import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.userstore.UserStore;
import com.evernote.thrift.TServiceClient;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.triggerhappy.camel.config.Masked;

/**
 * Builds Evernote SDK clients for one service base URL ({@code https://www.evernote.com}, or a local fake).
 * The SDK's clients are not thread-safe, so callers take a new one per call; building one is cheap (no I/O).
 * The clients are wired by hand because the SDK's ClientFactory/EvernoteService cannot target a custom host
 * and exposes no timeouts; their transport ({@link EvernoteTransport}) gives every call a total deadline and refuses
 * replies that are not Thrift, and their protocol ({@link BoundedBinaryProtocol}) allocates nothing a reply cannot
 * hold.
 */
public final class EvernoteClients {

    public static final String USER_AGENT = "TriggerHappyCamel/0.1";
    /** Total time one call may take, request upload and reply included (shorter than an outbox lease). */
    public static final Duration CALL_DEADLINE = Duration.ofMinutes(2);

    static {
        prepareJdkHttp();
    }

    /**
     * Settings of the JDK's HttpURLConnection (which the SDK's THttpClient uses) that must be in place before the
     * first HTTP connection of the JVM, because the JDK reads them once:
     * <ul>
     * <li>{@code sun.net.http.retryPost=false}: by default a POST is re-sent once, silently, when the server closes
     * the connection without a reply; a createNote could then create two notes and report success.</li>
     * <li>{@code http.maxConnections}: idle keep-alive connections kept per host, 5 by default. Every user's notes go
     * to the same Evernote host, so with more deliveries in parallel than that, most calls would open (and the
     * server accept) a new TCP and TLS connection. A value set by the operator is kept.</li>
     * </ul>
     */
    public static void prepareJdkHttp() {
        System.setProperty("sun.net.http.retryPost", "false");
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final String baseUrl;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int deadlineMillis;

    /** With the default {@link #CALL_DEADLINE}. */
    public EvernoteClients(String baseUrl, Duration connect, Duration read) {
        this(baseUrl, connect, read, CALL_DEADLINE);
    }

    /**
     * @param baseUrl  service root without path, e.g. {@code https://www.evernote.com}; plain http only for loopback
     * @param connect  connect timeout (> 0; the SDK default is infinite)
     * @param read     read timeout (> 0; the SDK default is infinite)
     * @param deadline total time of one call, whatever it does meanwhile (> 0)
     */
    public EvernoteClients(String baseUrl, Duration connect, Duration read, Duration deadline) {
        this.baseUrl = stripTrailingSlash(checkedUrl(Objects.requireNonNull(baseUrl, "baseUrl")));
        this.connectTimeoutMillis = positiveMillis(connect, "connect");
        this.readTimeoutMillis = positiveMillis(read, "read");
        this.deadlineMillis = positiveMillis(deadline, "deadline");
    }

    /** The total time one call may take. */
    public Duration callDeadline() {
        return Duration.ofMillis(deadlineMillis);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A new UserStore client on {@code {base}/edam/user}. */
    public UserStore.Client userStore() {
        return new UserStore.Client(new BoundedBinaryProtocol(transport(baseUrl + "/edam/user")));
    }

    /**
     * A new NoteStore client on the per-user URL from {@code UserStore.getNoteStoreUrl}.
     *
     * @throws IllegalArgumentException if the URL is malformed or plain http to a non-loopback host
     */
    public NoteStore.Client noteStore(String noteStoreUrl) {
        return new NoteStore.Client(new BoundedBinaryProtocol(transport(checkedUrl(noteStoreUrl))));
    }

    /** Releases the HTTP response stream of a client built here; safe to call more than once. */
    public static void close(TServiceClient client) {
        client.getInputProtocol().getTransport().close();
    }

    private EvernoteTransport transport(String url) {
        try {
            return new EvernoteTransport(new URI(url).toURL(), connectTimeoutMillis, readTimeoutMillis,
                    deadlineMillis, USER_AGENT);
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed Evernote URL: " + Masked.url(url), e);
        }
    }

    /** Tokens travel in the request body, so anything but loopback must be https (Evernote also requires it). */
    static String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed Evernote URL: " + Masked.url(url), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("Evernote URL must be https (plain http only for loopback): "
                    + Masked.url(url));
        }
        return url;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int positiveMillis(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " timeout must be between 1 ms and Integer.MAX_VALUE ms");
        }
        return (int) timeout.toMillis();
    }
}
