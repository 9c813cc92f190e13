package org.triggerhappy.camel.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.triggerhappy.camel.cli.AuthorisationAnswer.Verdict;

/**
 * The loopback address Evernote sends the user's browser back to ({@code http://127.0.0.1:PORT/callback}) during
 * {@code tokens login}. It hands the query string to an {@link AnswerWait} and shows a page that says whether that
 * worked and that the window can be closed; the page never repeats what the address carried.
 */
final class OAuthCallbackServer implements AutoCloseable {
    static final String PATH = "/callback";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile AnswerWait wait;

    private OAuthCallbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static OAuthCallbackServer start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    port), 0);
        } catch (IOException e) {
            throw UserError.invalid("cannot listen on 127.0.0.1:" + port + " for Evernote's answer (" + e.getMessage()
                    + "): choose another --callback-port, or 0 for any free port");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "th-login-callback");
            t.setDaemon(true);
            return t;
        });
        OAuthCallbackServer callback = new OAuthCallbackServer(server, executor);
        server.setExecutor(executor);
        server.createContext("/", callback::handle);
        server.start();
        return callback;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** From now on, callbacks are offered to {@code answers}; before, the browser is asked to wait. */
    void deliverTo(AnswerWait answers) {
        this.wait = answers;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                page(exchange, 404, "Not found", "Nothing here.");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                page(exchange, 405, "Method not allowed", "Only the browser's return from Evernote is expected here.");
                return;
            }
            AnswerWait answers = wait;
            if (answers == null) {
                page(exchange, 503, "Not ready", "The sign-in has not started yet: try again in a moment.");
                return;
            }
            AuthorisationAnswer answer = AuthorisationAnswer.fromQuery(exchange.getRequestURI().getRawQuery());
            Verdict verdict = answers.judge(answer, true);
            // The page first: once the answer is taken, the command goes on and closes this server.
            switch (verdict) {
                case ALLOWED -> page(exchange, 200, "Evernote access allowed",
                        "TriggerHappy Camel got the authorisation; the terminal finishes the sign-in."
                                + " You can close this window.");
                case DENIED -> page(exchange, 200, "Evernote access not allowed",
                        "Nothing was stored. You can close this window.");
                default -> page(exchange, 400, "Not this sign-in",
                        "This address does not answer the sign-in running in the terminal. You can close this"
                                + " window.");
            }
            answers.offer(answer, true);
        }
    }

    private static void page(HttpExchange exchange, int status, String title, String text) throws IOException {
        byte[] body = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1><p>" + text + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // The address carried the verifier: no page the browser goes to next learns it from a Referer header.
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1); // returns as soon as no page is being sent
        executor.shutdownNow();
    }
}
