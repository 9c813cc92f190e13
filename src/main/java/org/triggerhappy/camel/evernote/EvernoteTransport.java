package org.triggerhappy.camel.evernote;

import com.evernote.thrift.transport.TTransport;
import com.evernote.thrift.transport.TTransportException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Thrift over HTTP POST like the SDK's THttpClient, with what it lacks: a total deadline for the whole call (request
 * upload, processing, reply), after which the connection is closed whatever state it is in; a reply read only when it
 * says it is Thrift (a proxy's or maintenance page's HTML with status 200 is refused unread) and only up to a size
 * cap. The reply is read whole before the protocol decodes it, so {@link BoundedBinaryProtocol} can refuse any length
 * longer than what is left.
 */
final class EvernoteTransport extends TTransport {

    /** Replies larger than this are not Evernote's (replies carry no note content or resource bodies). */
    static final int MAX_REPLY_BYTES = 32 << 20;

    private static final String THRIFT = "application/x-thrift";
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "evernote-call-deadline");
        t.setDaemon(true);
        return t;
    });

    private final URL url;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long deadlineMillis;
    private final String userAgent;
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private byte[] reply = new byte[0];
    private int position;

    EvernoteTransport(URL url, int connectTimeoutMillis, int readTimeoutMillis, long deadlineMillis, String userAgent) {
        this.url = url;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.deadlineMillis = deadlineMillis;
        this.userAgent = userAgent;
    }

    /** Bytes of the reply not yet read. */
    int remaining() {
        return reply.length - position;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
        reply = new byte[0];
        position = 0;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws TTransportException {
        if (remaining() <= 0) {
            throw new TTransportException(TTransportException.END_OF_FILE, "the reply ended early");
        }
        int n = Math.min(len, remaining());
        System.arraycopy(reply, position, buf, off, n);
        position += n;
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        request.write(buf, off, len);
    }

    @Override
    public void flush() throws TTransportException {
        byte[] body = request.toByteArray();
        request.reset();
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) url.openConnection();
        } catch (IOException e) {
            throw new TTransportException(e);
        }
        Watchdog watchdog = new Watchdog(connection);
        watchdog.start(deadlineMillis);
        try {
            reply = exchange(connection, body);
            position = 0;
        } catch (IOException e) {
            if (watchdog.fired()) {
                throw new TTransportException(new SocketTimeoutException(
                        "no complete reply within the call's deadline of " + deadlineMillis + " ms"));
            }
            throw new TTransportException(e);
        } finally {
            watchdog.finish();
        }
    }

    private byte[] exchange(HttpURLConnection connection, byte[] body) throws IOException, TTransportException {
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", THRIFT);
        connection.setRequestProperty("Accept", THRIFT);
        connection.setRequestProperty("User-Agent", userAgent);
        connection.setDoOutput(true);
        // streamed with its length: a large upload is not buffered twice, and the JDK never re-sends it silently
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            discard(connection.getErrorStream());
            // the message form EvernoteErrors reads the status from (as THttpClient words it)
            throw new TTransportException("HTTP Response code: " + status);
        }
        String type = connection.getContentType();
        if (type != null && !isThrift(type)) {
            connection.disconnect(); // not read: whatever it is, none of it is allocated here
            throw new TTransportException("the reply is not Thrift (status 200, Content-Type "
                    + type.replaceAll("[^\\p{Graph} ]", "?") + "): a proxy or maintenance page");
        }
        long declared = connection.getContentLengthLong();
        if (declared > MAX_REPLY_BYTES) {
            connection.disconnect();
            throw new TTransportException("the reply is too large to be Evernote's (" + declared + " bytes)");
        }
        try (InputStream in = connection.getInputStream()) {
            return readBounded(in);
        }
    }

    private static boolean isThrift(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.equals(THRIFT) || type.equals("application/octet-stream");
    }

    private static byte[] readBounded(InputStream in) throws IOException, TTransportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > MAX_REPLY_BYTES) {
                throw new TTransportException("the reply is too large to be Evernote's (over " + MAX_REPLY_BYTES
                        + " bytes)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void discard(InputStream in) {
        if (in == null) {
            return;
        }
        try (in) {
            in.readNBytes(64 << 10);
        } catch (IOException e) {
            // the status is what matters
        }
    }

    /** Closes the connection when the deadline passes before the call finished. */
    private static final class Watchdog implements Runnable {
        private final HttpURLConnection connection;
        private ScheduledFuture<?> task;
        private boolean done;
        private boolean fired;

        Watchdog(HttpURLConnection connection) {
            this.connection = connection;
        }

        synchronized void start(long millis) {
            task = WATCHDOG.schedule(this, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void run() {
            if (!done) {
                fired = true;
                connection.disconnect();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized void finish() {
            done = true;
            task.cancel(false);
        }
    }
}
