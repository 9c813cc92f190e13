package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.cli.CliHarness.Running;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * {@code tokens login} end to end: the CLI runs Evernote's OAuth sign-in against the fake (which checks every
 * signature), the test plays the browser over real HTTP, and the stored token is then used by the real SDK.
 */
class TokensLoginTest {
    private static final String KEY = "th-camel-test";
    private static final String SECRET = "CONSUMER-SECRET-0f1e2d";
    private static final String STORED = "SELECT coalesce(string_agg(token, ','), '') FROM django_th_userservice s"
            + " JOIN auth_user u ON u.id = s.user_id WHERE u.username = 'alice' AND s.name_id = 'ServiceEvernote'";
    private static final String AUTHORISATION_URL = "(?m)^  (http://127\\.0\\.0\\.1:\\d+/OAuth\\.action\\?oauth_token=\\S+)$";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    CliHarness cli;
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        f.evernote.enableOAuth(KEY, SECRET);
        f.evernote.signInAs("alice-evernote");
        f.admin.addUser("alice", "alice@example.org");
        cli = new CliHarness(f.db, dataDir).set("th.evernote.url", f.evernote.baseUrl())
                .set("th.evernote.timeout", "5s")
                .set("th.evernote.consumer.key", KEY).set("th.evernote.consumer.secret", SECRET);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void the_browser_returning_to_the_loopback_callback_completes_the_sign_in_and_the_sdk_accepts_the_token()
            throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream processOutput = new ByteArrayOutputStream();
        Result r;
        HttpResponse<String> page;
        try {
            // Log lines go to the process's stderr: capture it too.
            System.setOut(new PrintStream(processOutput, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(processOutput, true, StandardCharsets.UTF_8));
            Running login = cli.start(new ByteArrayInputStream(new byte[0]), "tokens", "login", "--user", "alice");
            String authorisationUrl = login.awaitOutput(AUTHORISATION_URL, WAIT);

            HttpResponse<String> evernote = get(authorisationUrl);
            assertThat(evernote.statusCode()).isEqualTo(302);
            String callback = evernote.headers().firstValue("Location").orElseThrow();
            assertThat(callback).startsWith("http://127.0.0.1:").contains("/callback?oauth_token=")
                    .contains("oauth_verifier=");
            assertThat(login.out()).contains("Waiting up to 5 min for Evernote to send the browser back to "
                    + callback.substring(0, callback.indexOf('?')));

            page = get(callback);
            r = login.await(WAIT);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You can close this window").doesNotContain("oauth_verifier")
                .doesNotContain("S=s1");
        assertThat(r.out()).contains("token stored for alice" + System.lineSeparator())
                .containsPattern("Evernote says it expires on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
        assertThat(f.evernote.oauthTokens()).hasSize(1);
        String token = f.evernote.oauthTokens().get(0);
        assertThat(cli.queryString(STORED)).isEqualTo(token);
        String hash = token.substring(token.indexOf(":H=") + 3);
        assertThat(r.all()).doesNotContain(token).doesNotContain(hash).doesNotContain(SECRET);
        assertThat(processOutput.toString(StandardCharsets.UTF_8)).as("the log was captured").isNotEmpty()
                .doesNotContain(hash).doesNotContain(SECRET);

        // The stored token is what the service uses: the real SDK asks the fake who it belongs to.
        Result check = cli.run("check");
        assertThat(check.out()).contains("evernote token of alice: OK (Evernote user alice-evernote)");
        assertThat(check.all()).doesNotContain(hash);
    }

    @Test
    void the_address_pasted_on_standard_input_completes_the_sign_in_when_the_browser_is_on_another_machine()
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PipedOutputStream keyboard = new PipedOutputStream();
        Running login = cli.start(new PipedInputStream(keyboard), "tokens", "login", "--user", "alice",
                "--callback-port", Integer.toString(port));
        String authorisationUrl = login.awaitOutput(AUTHORISATION_URL, WAIT);
        assertThat(login.out()).contains("back to http://127.0.0.1:" + port + "/callback.");
        // The browser elsewhere lands on an address it cannot load; the user copies it from the address bar.
        String landed = get(authorisationUrl).headers().firstValue("Location").orElseThrow()
                .replace("http://127.0.0.1:" + port, "http://127.0.0.1:1");

        keyboard.write("no-such thing pasted by mistake\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        awaitErr(login, "that is not the address Evernote sent the browser back to");
        assertThat(login.err()).doesNotContain("by mistake");
        keyboard.write((landed + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        Result r = login.await(WAIT);
        keyboard.close();

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("token stored for alice");
        String token = f.evernote.oauthTokens().get(0);
        assertThat(cli.queryString(STORED)).isEqualTo(token);
        assertThat(r.all()).doesNotContain(token.substring(token.indexOf(":H=") + 3)).doesNotContain(SECRET);
        assertThat(cli.run("check").out()).contains("evernote token of alice: OK (Evernote user alice-evernote)");
    }

    @Test
    void a_callback_for_another_sign_in_is_turned_away_and_the_wait_goes_on() throws Exception {
        Running login = cli.start(new ByteArrayInputStream(new byte[0]), "tokens", "login", "--user", "alice");
        String callback = get(login.awaitOutput(AUTHORISATION_URL, WAIT)).headers().firstValue("Location")
                .orElseThrow();
        String base = callback.substring(0, callback.indexOf('?'));

        HttpResponse<String> forged = get(base + "?oauth_token=" + KEY + ".1.FORGED&oauth_verifier=ABCDEF");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("does not answer the sign-in");
        assertThat(get(base.replace("/callback", "/favicon.ico")).statusCode()).isEqualTo(404);
        assertThat(get(callback).statusCode()).isEqualTo(200);

        Result r = login.await(WAIT);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.queryString(STORED)).isEqualTo(f.evernote.oauthTokens().get(0));
    }

    @Test
    void declining_on_evernotes_page_exits_2_and_stores_nothing() throws Exception {
        f.evernote.denyNextAuthorisation();
        Running login = cli.start(new ByteArrayInputStream(new byte[0]), "tokens", "login", "--user", "alice");
        String callback = get(login.awaitOutput(AUTHORISATION_URL, WAIT)).headers().firstValue("Location")
                .orElseThrow();
        assertThat(callback).doesNotContain("oauth_verifier");

        HttpResponse<String> page = get(callback);
        Result r = login.await(WAIT);

        assertThat(page.body()).contains("not allowed").contains("You can close this window");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: access was not allowed on Evernote's page: nothing stored"
                + System.lineSeparator());
        assertThat(r.out()).doesNotContain("token stored");
        assertThat(f.evernote.oauthTokens()).isEmpty();
        assertThat(cli.queryString(STORED)).isEmpty();
    }

    @Test
    void without_the_api_key_login_exits_2_and_names_the_settings() {
        cli.set("th.evernote.consumer.key", "").set("th.evernote.consumer.secret", "");

        Result r = cli.run("tokens", "login", "--user", "alice");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("TH_EVERNOTE_CONSUMER_KEY").contains("TH_EVERNOTE_CONSUMER_SECRET")
                .contains("tokens set");
        assertThat(r.out()).isEmpty();

        Result half = cli.set("th.evernote.consumer.key", KEY).run("tokens", "login", "--user", "alice");
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).contains("TH_EVERNOTE_CONSUMER_SECRET is empty");
    }

    @Test
    void a_wrong_consumer_secret_is_refused_by_evernote_with_a_clear_error_that_never_shows_a_secret()
            throws Exception {
        String wrong = "WRONG-SECRET-77aa";
        Result r = cli.set("th.evernote.consumer.secret", wrong).run("tokens", "login", "--user", "alice");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Evernote refused the application's API key (HTTP 401,"
                + " oauth_problem=signature_invalid): check TH_EVERNOTE_CONSUMER_KEY and TH_EVERNOTE_CONSUMER_SECRET;"
                + " nothing stored" + System.lineSeparator());
        assertThat(r.all()).doesNotContain(wrong).doesNotContain(SECRET).doesNotContain("OAuth.action");
        assertThat(cli.queryString(STORED)).isEmpty();
    }

    @Test
    void plain_http_to_a_remote_evernote_is_refused_before_any_request() throws Exception {
        // Only the URL's text is checked: no connection, no name lookup.
        Result r = cli.set("th.evernote.url", "http://evernote.example.org").run("tokens", "login", "--user", "alice");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("TH_EVERNOTE_URL").contains("must be https");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void no_answer_within_the_timeout_exits_2_and_an_unknown_user_exits_1_before_any_sign_in() throws Exception {
        Result r = cli.run("tokens", "login", "--user", "alice", "--timeout", "1s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).containsPattern(AUTHORISATION_URL);
        assertThat(r.err()).contains("no answer from Evernote within 1 s").contains("nothing stored");
        assertThat(cli.queryString(STORED)).isEmpty();

        Result nobody = cli.run("tokens", "login", "--user", "nobody");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("no user named 'nobody'");
        assertThat(nobody.out()).doesNotContain("OAuth.action");

        Result badTimeout = cli.run("tokens", "login", "--user", "alice", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(1);
        assertThat(badTimeout.err()).contains("--timeout=soon");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitErr(Running running, String fragment) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!running.err().contains(fragment)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + fragment + "' in: " + running.err());
            }
            Thread.sleep(20);
        }
    }
}
