package org.triggerhappy.camel.testsupport;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evernote's OAuth 1.0a endpoints for {@link FakeEvernote}: {@code /oauth} issues temporary credentials (request with
 * oauth_callback) and exchanges an authorised one for an authentication token (request with oauth_verifier), checking
 * every request's signature (HMAC-SHA1 or PLAINTEXT, {@link FakeOAuthSignature}) against the configured consumer key
 * and secret: a bad one gets 401 {@code oauth_problem=signature_invalid}. {@code /OAuth.action} stands for the page
 * where the user signs in and allows access: it redirects at once to the callback with a verifier (or, after
 * {@link FakeEvernote#denyNextAuthorisation()}, without one, as Evernote does when the user declines). The token
 * issued reaches the account the fake was told to sign into, so the real SDK can use it afterwards.
 */
final class FakeEvernoteOAuth {
    private static final Pattern HEADER_PARAM = Pattern.compile("([A-Za-z0-9_\\-.~%]+)=\"([^\"]*)\"");
    private static final Duration TIMESTAMP_SKEW = Duration.ofMinutes(10);
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

    /** A temporary token on its way: its secret, callback and, once the user allowed access, its verifier. */
    private static final class Pending {
        final String secret;
        final String callback;
        volatile String verifier;

        Pending(String secret, String callback) {
            this.secret = secret;
            this.callback = callback;
        }
    }

    private final String baseUrl;
    private final FakeEvernote evernote;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final AtomicBoolean denyNext = new AtomicBoolean();
    private volatile String consumerKey;
    private volatile String consumerSecret;
    private volatile String username = "oauth-user";

    FakeEvernoteOAuth(String baseUrl, FakeEvernote evernote) {
        this.baseUrl = baseUrl;
        this.evernote = evernote;
    }

    void enable(String key, String secret) {
        this.consumerKey = key;
        this.consumerSecret = secret;
    }

    void signInAs(String evernoteUsername) {
        this.username = evernoteUsername;
    }

    void denyNext() {
        denyNext.set(true);
    }

    List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** {@code /oauth}: temporary credentials, or the exchange of an authorised temporary token. */
    void handleOAuth(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (consumerKey == null) {
                reply(exchange, 404, "text/plain", "OAuth is not enabled on this fake");
                return;
            }
            List<Map.Entry<String, String>> params = parameters(exchange);
            Map<String, String> p = first(params);
            if (!consumerKey.equals(p.get("oauth_consumer_key"))) {
                problem(exchange, 401, "consumer_key_unknown");
                return;
            }
            String timestamp = p.getOrDefault("oauth_timestamp", "");
            String nonce = p.getOrDefault("oauth_nonce", "");
            if (!timestamp.matches("\\d{1,12}") || nonce.isEmpty()) {
                problem(exchange, 400, "parameter_absent");
                return;
            }
            if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), Instant.now()).abs()
                    .compareTo(TIMESTAMP_SKEW) > 0) {
                problem(exchange, 401, "timestamp_refused");
                return;
            }
            String token = p.get("oauth_token");
            Pending temporary = token == null ? null : pending.get(token);
            if (token != null && temporary == null) {
                problem(exchange, 401, "token_rejected");
                return;
            }
            String base = FakeOAuthSignature.baseString(exchange.getRequestMethod(), baseUrl + "/oauth", params);
            if (!FakeOAuthSignature.verify(p.getOrDefault("oauth_signature_method", ""), p.get("oauth_signature"),
                    base, consumerSecret, temporary == null ? "" : temporary.secret)) {
                problem(exchange, 401, "signature_invalid");
                return;
            }
            if (!nonces.add(timestamp + ":" + nonce)) {
                problem(exchange, 401, "nonce_used");
                return;
            }
            if (temporary == null) {
                temporaryCredentials(exchange, p.get("oauth_callback"));
            } else {
                exchangeToken(exchange, token, temporary, p.get("oauth_verifier"));
            }
        }
    }

    private void temporaryCredentials(HttpExchange exchange, String callback) throws IOException {
        if (callback == null || callback.isEmpty()) {
            problem(exchange, 400, "parameter_absent");
            return;
        }
        // Shaped like Evernote's: consumer key, a hex time, random hex.
        String token = consumerKey + "." + Long.toHexString(System.currentTimeMillis()).toUpperCase() + "."
                + hex(16);
        String secret = hex(8);
        pending.put(token, new Pending(secret, callback));
        reply(exchange, 200, "text/plain", form(Map.of("oauth_token", token, "oauth_token_secret", secret,
                "oauth_callback_confirmed", "true")));
    }

    private void exchangeToken(HttpExchange exchange, String temporaryToken, Pending temporary, String verifier)
            throws IOException {
        if (temporary.verifier == null || verifier == null || !temporary.verifier.equals(verifier)) {
            problem(exchange, 401, "permission_denied");
            return;
        }
        pending.remove(temporaryToken);
        Instant now = Instant.now();
        Instant expires = now.plus(TOKEN_LIFETIME);
        FakeEvernoteAccount account = evernote.accountNamed(username);
        int userId = account.userId();
        // Shaped like Evernote's: S=shard:U=user id:E=expiry:C=created:P=permissions:A=consumer key:V=2:H=hash.
        String token = "S=s1:U=" + Integer.toHexString(userId) + ":E=" + Long.toHexString(expires.toEpochMilli())
                + ":C=" + Long.toHexString(now.toEpochMilli()) + ":P=1cd:A=" + consumerKey + ":V=2:H=" + hex(16);
        evernote.link(token, account);
        issued.add(token);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("oauth_token", token);
        fields.put("oauth_token_secret", "");
        fields.put("edam_shard", "s1");
        fields.put("edam_userId", Integer.toString(userId));
        fields.put("edam_expires", Long.toString(expires.toEpochMilli()));
        fields.put("edam_noteStoreUrl", baseUrl + FakeEvernote.NOTE_STORE_PATH);
        fields.put("edam_webApiUrlPrefix", baseUrl + "/shard/s1/");
        reply(exchange, 200, "text/plain", form(fields));
    }

    /** {@code /OAuth.action?oauth_token=…}: the user "allows access" at once (or declines, when told to). */
    void handleAuthorise(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = first(query(exchange.getRequestURI().getRawQuery())).get("oauth_token");
            Pending temporary = token == null ? null : pending.get(token);
            if (temporary == null) {
                reply(exchange, 400, "text/html", "<html><body>Unknown or expired request token.</body></html>");
                return;
            }
            StringBuilder location = new StringBuilder(temporary.callback)
                    .append(temporary.callback.contains("?") ? '&' : '?')
                    .append("oauth_token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
            if (!denyNext.getAndSet(false)) {
                temporary.verifier = hex(16);
                location.append("&oauth_verifier=").append(temporary.verifier);
            }
            location.append("&sandbox_lnb=false");
            exchange.getResponseHeaders().set("Location", location.toString());
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** Every parameter of the request: Authorization header (realm aside), query string, form body. */
    private static List<Map.Entry<String, String>> parameters(HttpExchange exchange) throws IOException {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            Matcher m = HEADER_PARAM.matcher(authorization.substring(6));
            while (m.find()) {
                String name = decode(m.group(1));
                if (!name.equals("realm")) {
                    params.add(new SimpleImmutableEntry<>(name, decode(m.group(2))));
                }
            }
        }
        params.addAll(query(exchange.getRequestURI().getRawQuery()));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            params.addAll(query(new String(body, StandardCharsets.UTF_8)));
        }
        return params;
    }

    private static List<Map.Entry<String, String>> query(String raw) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.add(new SimpleImmutableEntry<>(decode(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : decode(pair.substring(eq + 1))));
            }
        }
        return params;
    }

    private static Map<String, String> first(List<Map.Entry<String, String>> params) {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach(e -> m.putIfAbsent(e.getKey(), e.getValue()));
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static void problem(HttpExchange exchange, int status, String problem) throws IOException {
        reply(exchange, status, "text/plain", "oauth_problem=" + problem);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
