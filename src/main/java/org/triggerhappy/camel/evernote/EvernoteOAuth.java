package org.triggerhappy.camel.evernote;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.triggerhappy.camel.config.EvernoteApiKey;
import org.triggerhappy.camel.config.Masked;

/**
 * Evernote's OAuth 1.0a sign-in, client side, with ScribeJava (HMAC-SHA1 signatures in the Authorization header):
 * temporary credentials for a callback URL, the address where the user allows access, then the exchange of the
 * verifier Evernote hands the callback for the user's authentication token. Failures are
 * {@link EvernoteOAuthException}s whose messages quote neither the consumer secret nor any token.
 */
public final class EvernoteOAuth {

    /** What the user's browser must open, and what the exchange needs afterwards. The secret is never shown. */
    public record TemporaryCredentials(String token, String secret, String authorisationUrl) {
        @Override
        public String toString() {
            return "TemporaryCredentials[token=" + token + ", secret=****]";
        }
    }

    /**
     * Evernote's answer to the exchange: the authentication token (what django-th stores) and the account's
     * details. {@code expires} is null when Evernote does not say.
     */
    public record Authorisation(String token, String userId, String shard, Instant expires, String noteStoreUrl,
                                String webApiUrlPrefix) {
        @Override
        public String toString() {
            return "Authorisation[token=****, userId=" + userId + ", shard=" + shard + ", expires=" + expires + "]";
        }
    }

    private final String baseUrl;
    private final EvernoteApiKey key;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param baseUrl the service root, e.g. {@code https://www.evernote.com}; plain http only for loopback
     * @throws IllegalArgumentException when the key is not configured or the URL is not allowed
     */
    public EvernoteOAuth(String baseUrl, EvernoteApiKey key, Duration connectTimeout, Duration readTimeout) {
        String checked = EvernoteClients.checkedUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.baseUrl = checked.endsWith("/") ? checked.substring(0, checked.length() - 1) : checked;
        if (!key.configured()) {
            throw new IllegalArgumentException("no Evernote API key configured");
        }
        this.key = key;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Step 1: temporary credentials that send the user's browser back to {@code callbackUrl}. */
    public TemporaryCredentials temporaryCredentials(String callbackUrl) throws InterruptedException {
        OAuth10aService service = service(callbackUrl);
        OAuth1RequestToken temporary = call(OAuthReply.Step.TEMPORARY_CREDENTIALS, service::getRequestToken);
        return new TemporaryCredentials(temporary.getToken(), temporary.getTokenSecret(),
                service.getAuthorizationUrl(temporary));
    }

    /** Step 3: the verifier the callback received, exchanged for the user's authentication token. */
    public Authorisation exchange(TemporaryCredentials temporary, String verifier) throws InterruptedException {
        OAuth10aService service = service(null);
        OAuth1AccessToken token = call(OAuthReply.Step.TOKEN_EXCHANGE, () -> service.getAccessToken(
                new OAuth1RequestToken(temporary.token(), temporary.secret()), verifier));
        OAuthReply reply = ((EvernoteOAuthApi.EvernoteAccessToken) token).reply();
        return new Authorisation(token.getToken(), reply.value("edam_userId"), reply.value("edam_shard"),
                expires(reply.value("edam_expires")), reply.value("edam_noteStoreUrl"),
                reply.value("edam_webApiUrlPrefix"));
    }

    public String baseUrl() {
        return baseUrl;
    }

    private OAuth10aService service(String callbackUrl) {
        ServiceBuilder builder = new ServiceBuilder(key.consumerKey())
                .apiSecret(key.consumerSecret())
                .userAgent(EvernoteClients.USER_AGENT)
                // A redirect would hide Evernote's refusal behind some other page: report the status instead.
                .httpClientConfig(JDKHttpClientConfig.defaultConfig()
                        .withConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                        .withReadTimeout(Math.toIntExact(readTimeout.toMillis()))
                        .withFollowRedirects(false));
        if (callbackUrl != null) {
            builder.callback(callbackUrl);
        }
        return builder.build(new EvernoteOAuthApi(baseUrl));
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException, ExecutionException;
    }

    private <T> T call(OAuthReply.Step step, Call<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (IOException e) {
            // The JDK's messages name the host or the timeout; the request's URL carries no secret (the OAuth
            // parameters travel in the Authorization header).
            throw new EvernoteOAuthException(OAuthReply.describe(step) + " failed: cannot reach Evernote at "
                    + Masked.url(baseUrl) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Masked.text(e.getMessage())));
        } catch (ExecutionException e) {
            throw new EvernoteOAuthException(OAuthReply.describe(step) + " failed: "
                    + (e.getCause() == null ? e.getClass() : e.getCause().getClass()).getSimpleName());
        } catch (OAuthException e) {
            // ScribeJava's own messages may quote a reply body: name the kind of failure only.
            throw new EvernoteOAuthException(OAuthReply.describe(step) + " failed: " + e.getClass().getSimpleName());
        }
    }

    private static Instant expires(String millis) {
        try {
            return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
