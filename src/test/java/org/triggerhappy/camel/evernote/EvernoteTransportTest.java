package org.triggerhappy.camel.evernote;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.triggerhappy.camel.evernote.TestDrafts.draft;

/** What the transport and protocol refuse: replies that are not Thrift, impossible lengths, calls past the deadline. */
class EvernoteTransportTest {

    private static final String TOKEN = "S=s1:U=3eb:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=fedcba9876543210";
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void an_html_maintenance_page_with_status_200_is_refused_unread() {
        try (FakeEvernote fake = new FakeEvernote()) {
            fake.addAccount(TOKEN, "alice");
            fake.failNext("getNoteStoreUrl", Fault.htmlPage("text/html; charset=UTF-8"));
            EvernoteGateway gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2),
                    Duration.ofSeconds(5)));

            EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.updateCount(TOKEN));

            assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(failure.detail()).contains("not Thrift", "text/html");
        }
    }

    /**
     * A versioned Thrift header followed by HTML: the method name's length reads as {@code <!DO}, about 1 GB. The
     * bounded protocol refuses it from the length alone (the SDK's reader would allocate that array first).
     */
    @Test
    void a_length_longer_than_the_reply_is_refused_before_any_allocation() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {(byte) 0x80, 0x01, 0x00, 0x02});
        body.write("<!DOCTYPE html><html><body>maintenance</body></html>".getBytes(StandardCharsets.US_ASCII));
        serve(body.toByteArray(), "application/x-thrift");
        EvernoteClients clients = new EvernoteClients("http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        long heapBefore = usedHeap();

        Exception e = catchThrowableOfType(Exception.class, () -> clients.userStore().getNoteStoreUrl(TOKEN));

        assertThat(e).isInstanceOf(com.evernote.thrift.protocol.TProtocolException.class)
                .hasMessageContaining("length " + 0x3C21444F).hasMessageContaining("bytes left in the reply");
        assertThat(usedHeap() - heapBefore).as("no gigabyte array").isLessThan(256L << 20);
        EvernoteFailure failure = EvernoteErrors.classify(e, EvernoteErrors.Call.REPEATABLE);
        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void a_call_ends_at_its_deadline_even_while_the_service_keeps_the_connection_busy() {
        try (FakeEvernote fake = new FakeEvernote()) {
            fake.addAccount(TOKEN, "alice");
            // a read timeout longer than the stall: only the total deadline ends the call
            EvernoteGateway gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2),
                    Duration.ofSeconds(30), Duration.ofMillis(800)));
            fake.failNext("createNote", Fault.delay(Duration.ofSeconds(5)));
            long start = System.nanoTime();

            EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class,
                    () -> gateway.createNote(TOKEN, draft("Slow", null, null)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(failure.kind()).isEqualTo(Kind.AMBIGUOUS);
            assertThat(failure.detail()).contains("deadline");
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private void serve(byte[] reply, String contentType) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }
}
