package org.triggerhappy.camel.evernote;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;

/**
 * Evernote's OAuth 1.0a endpoints under the configured service URL (TH_EVERNOTE_URL, or a local fake): temporary
 * credentials and token exchange at {@code {url}/oauth}, the user's consent at {@code {url}/OAuth.action}.
 * ScribeJava's own Evernote class was dropped from scribejava-apis and pointed at fixed hosts anyway. The replies
 * are read by {@link OAuthReply}, which checks the HTTP status and never quotes a reply body (ScribeJava's
 * extractors ignore the status and put the whole body, token included, into their exception messages).
 */
final class EvernoteOAuthApi extends DefaultApi10a {
    private final String baseUrl;

    EvernoteOAuthApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String getRequestTokenEndpoint() {
        return baseUrl + "/oauth";
    }

    @Override
    public String getAccessTokenEndpoint() {
        return baseUrl + "/oauth";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return baseUrl + "/OAuth.action";
    }

    @Override
    public TokenExtractor<OAuth1RequestToken> getRequestTokenExtractor() {
        return response -> {
            OAuthReply reply = OAuthReply.read(response, OAuthReply.Step.TEMPORARY_CREDENTIALS);
            return new OAuth1RequestToken(reply.required("oauth_token"), reply.value("oauth_token_secret"),
                    "true".equals(reply.value("oauth_callback_confirmed")), null);
        };
    }

    @Override
    public TokenExtractor<OAuth1AccessToken> getAccessTokenExtractor() {
        return response -> {
            OAuthReply reply = OAuthReply.read(response, OAuthReply.Step.TOKEN_EXCHANGE);
            return new EvernoteAccessToken(reply);
        };
    }

    /** The access token with the rest of Evernote's reply (edam_userId, edam_expires, …); no raw body kept. */
    static final class EvernoteAccessToken extends OAuth1AccessToken {
        private static final long serialVersionUID = 1L;
        private final transient OAuthReply reply;

        EvernoteAccessToken(OAuthReply reply) {
            super(reply.required("oauth_token"), reply.value("oauth_token_secret"), null);
            this.reply = reply;
        }

        OAuthReply reply() {
            return reply;
        }

        @Override
        public String toString() {
            return "EvernoteAccessToken[****]";
        }
    }
}
