package org.triggerhappy.camel.evernote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.evernote.edam.type.User;
import com.evernote.edam.userstore.UserStore;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.config.EvernoteApiKey;
import org.triggerhappy.camel.evernote.EvernoteOAuth.Authorisation;
import org.triggerhappy.camel.evernote.EvernoteOAuth.TemporaryCredentials;
import org.triggerhappy.camel.testsupport.FakeEvernote;

/** The OAuth client (ScribeJava underneath) against the fake's endpoints, which check every signature. */
class EvernoteOAuthTest {
    private static final EvernoteApiKey KEY = new EvernoteApiKey("th-camel-test", "consumer-secret-9z");
    private static final String CALLBACK = "http://127.0.0.1:9/callback";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    final FakeEvernote evernote = new FakeEvernote();
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpServer other;

    @AfterEach
    void tearDown() {
        evernote.close();
        if (other != null) {
            other.stop(0);
        }
    }

    @Test
    void temporary_credentials_then_the_exchange_yield_a_token_the_sdk_can_use() throws Exception {
        evernote.enableOAuth(KEY.consumerKey(), KEY.consumerSecret());
        evernote.signInAs("bob-evernote");
        EvernoteOAuth oauth = oauth(KEY);

        TemporaryCredentials temporary = oauth.temporaryCredentials(CALLBACK);
        assertThat(temporary.token()).startsWith("th-camel-test.");
        assertThat(temporary.authorisationUrl()).isEqualTo(evernote.baseUrl() + "/OAuth.action?oauth_token="
                + temporary.token());
        assertThat(temporary.toString()).doesNotContain(temporary.secret());
        String verifier = verifierFrom(allow(temporary));

        Authorisation a = oauth.exchange(temporary, verifier);

        assertThat(evernote.oauthTokens()).containsExactly(a.token());
        assertThat(a.token()).startsWith("S=s1:U=").contains(":A=th-camel-test:");
        assertThat(a.noteStoreUrl()).isEqualTo(evernote.baseUrl() + FakeEvernote.NOTE_STORE_PATH);
        assertThat(a.shard()).isEqualTo("s1");
        assertThat(a.expires()).isBetween(Instant.now().plus(364, ChronoUnit.DAYS),
                Instant.now().plus(366, ChronoUnit.DAYS));
        assertThat(a.toString()).doesNotContain(a.token());
        UserStore.Client users = new EvernoteClients(evernote.baseUrl(), TIMEOUT, TIMEOUT).userStore();
        User user = users.getUser(a.token());
        assertThat(user.getUsername()).isEqualTo("bob-evernote");
        assertThat(Integer.toString(user.getId())).isEqualTo(a.userId());

        // A temporary token serves one exchange only.
        assertThatThrownBy(() -> oauth.exchange(temporary, verifier)).isInstanceOf(EvernoteOAuthException.class)
                .hasMessageContaining("HTTP 401, oauth_problem=token_rejected");
    }

    @Test
    void a_wrong_verifier_or_one_never_allowed_is_refused() throws Exception {
        evernote.enableOAuth(KEY.consumerKey(), KEY.consumerSecret());
        EvernoteOAuth oauth = oauth(KEY);
        TemporaryCredentials temporary = oauth.temporaryCredentials(CALLBACK);

        assertThatThrownBy(() -> oauth.exchange(temporary, "0123456789ABCDEF"))
                .isInstanceOf(EvernoteOAuthException.class)
                .hasMessage("Evernote refused to exchange the authorisation for a token (HTTP 401,"
                        + " oauth_problem=permission_denied): it was denied, used already or expired;"
                        + " run tokens login again");
        verifierFrom(allow(temporary));
        assertThatThrownBy(() -> oauth.exchange(temporary, "0123456789ABCDEF"))
                .hasMessageContaining("oauth_problem=permission_denied");
        assertThat(evernote.oauthTokens()).isEmpty();
    }

    @Test
    void a_wrong_consumer_secret_or_key_is_refused_without_showing_the_secret() {
        evernote.enableOAuth(KEY.consumerKey(), KEY.consumerSecret());

        assertThatThrownBy(() -> oauth(new EvernoteApiKey(KEY.consumerKey(), "not-the-secret"))
                .temporaryCredentials(CALLBACK))
                .isInstanceOf(EvernoteOAuthException.class)
                .hasMessage("Evernote refused the application's API key (HTTP 401, oauth_problem=signature_invalid):"
                        + " check TH_EVERNOTE_CONSUMER_KEY and TH_EVERNOTE_CONSUMER_SECRET");
        assertThatThrownBy(() -> oauth(new EvernoteApiKey("someone-else", KEY.consumerSecret()))
                .temporaryCredentials(CALLBACK))
                .hasMessageContaining("oauth_problem=consumer_key_unknown")
                .hasMessageNotContaining(KEY.consumerSecret());
    }

    @Test
    void replies_that_are_not_oauth_never_reach_the_message() throws Exception {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String[] reply = {"503", "oauth_token=LEAKED-TOKEN&oauth_problem=<b>down</b>"};
        other.createContext("/oauth", exchange -> {
            byte[] body = reply[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(reply[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.start();
        EvernoteOAuth oauth = new EvernoteOAuth("http://127.0.0.1:" + other.getAddress().getPort(), KEY, TIMEOUT,
                TIMEOUT);

        assertThatThrownBy(() -> oauth.temporaryCredentials(CALLBACK))
                .hasMessage("asking Evernote for temporary credentials failed: Evernote answered HTTP 503");

        reply[0] = "200";
        reply[1] = "<html><body>Maintenance: oauth_token LEAKED-TOKEN</body></html>";
        assertThatThrownBy(() -> oauth.temporaryCredentials(CALLBACK))
                .hasMessage("asking Evernote for temporary credentials: Evernote's reply carries no oauth_token");
    }

    @Test
    void an_unreachable_service_or_a_plain_http_remote_url_is_a_clear_error() {
        assertThatThrownBy(() -> new EvernoteOAuth("http://127.0.0.1:1", KEY, TIMEOUT, TIMEOUT)
                .temporaryCredentials(CALLBACK))
                .isInstanceOf(EvernoteOAuthException.class)
                .hasMessageStartingWith("asking Evernote for temporary credentials failed: cannot reach Evernote at"
                        + " http://127.0.0.1:1: ConnectException");
        // The token and the signature would cross the network in clear: refused before any connection.
        assertThatThrownBy(() -> new EvernoteOAuth("http://evernote.example.org", KEY, TIMEOUT, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be https");
        assertThatThrownBy(() -> new EvernoteOAuth(evernote.baseUrl(), new EvernoteApiKey("", ""), TIMEOUT, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evernote_replies_are_form_fields_with_an_empty_token_secret() {
        assertThat(OAuthReply.parse("oauth_token=S%3Ds1%3AU%3D7&oauth_token_secret=&edam_userId=7&edam_userId=8"))
                .isEqualTo(Map.of("oauth_token", "S=s1:U=7", "oauth_token_secret", "", "edam_userId", "7"));
        assertThat(OAuthReply.parse("<html>100% down</html>")).doesNotContainKey("oauth_token");
    }

    private EvernoteOAuth oauth(EvernoteApiKey key) {
        return new EvernoteOAuth(evernote.baseUrl(), key, TIMEOUT, TIMEOUT);
    }

    /** Where the fake's consent page sends the browser. */
    private String allow(TemporaryCredentials temporary) throws Exception {
        HttpResponse<Void> r = browser.send(HttpRequest.newBuilder(URI.create(temporary.authorisationUrl())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String verifierFrom(String location) {
        assertThat(location).startsWith(CALLBACK + "?oauth_token=");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("oauth_verifier=([^&]+)").matcher(location);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
