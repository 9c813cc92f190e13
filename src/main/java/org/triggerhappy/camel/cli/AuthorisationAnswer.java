package org.triggerhappy.camel.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What Evernote sends the user's browser back with: {@code oauth_token} (the temporary token of the sign-in) and,
 * when the user allowed access, {@code oauth_verifier}. It arrives as the callback's query string, or pasted by the
 * user as the whole callback address, its query string, or the verifier alone.
 */
record AuthorisationAnswer(String oauthToken, String verifier) {
    /** Verifiers and tokens are short URL-safe words; anything else is not an answer. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._~\\-]{1,200}");

    enum Verdict {
        /** Access allowed for this sign-in: exchange the verifier. */
        ALLOWED,
        /** The user declined on Evernote's page (the callback carries no verifier). */
        DENIED,
        /** Not an answer to this sign-in: another temporary token, or no answer at all. */
        FOREIGN
    }

    /** An answer from a query string ({@code oauth_token=…&oauth_verifier=…}) or anything containing one. */
    static AuthorisationAnswer fromQuery(String query) {
        String token = null;
        String verifier = null;
        for (String pair : (query == null ? "" : query).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (name.equals("oauth_token") && token == null) {
                token = value;
            } else if (name.equals("oauth_verifier") && verifier == null && !value.isEmpty()) {
                verifier = value;
            }
        }
        return new AuthorisationAnswer(token, verifier);
    }

    /**
     * What the user pasted: the address the browser was sent to (whatever its host: the page may have failed to
     * load on another machine), its query string, or the verifier alone.
     */
    static AuthorisationAnswer pasted(String line) {
        String text = line.strip();
        if (text.contains("oauth_token=") || text.contains("oauth_verifier=")) {
            int q = text.indexOf('?');
            String query = q < 0 ? text : text.substring(q + 1);
            int fragment = query.indexOf('#');
            return fromQuery(fragment < 0 ? query : query.substring(0, fragment));
        }
        return new AuthorisationAnswer(null, WORD.matcher(text).matches() ? text : null);
    }

    /**
     * Whether this answers the sign-in whose temporary token is {@code temporaryToken}. A callback must name it: a
     * page elsewhere could otherwise send the browser to the loopback address with a verifier of its own. A verifier
     * pasted alone comes from the terminal's user and is taken as it is.
     */
    Verdict verdictFor(String temporaryToken, boolean fromCallback) {
        if (oauthToken == null) {
            return !fromCallback && verifier != null && WORD.matcher(verifier).matches()
                    ? Verdict.ALLOWED : Verdict.FOREIGN;
        }
        if (!oauthToken.equals(temporaryToken)) {
            return Verdict.FOREIGN;
        }
        return verifier == null ? Verdict.DENIED : Verdict.ALLOWED;
    }

    @Override
    public String toString() {
        return "AuthorisationAnswer[oauthToken=" + oauthToken + ", verifier=" + (verifier == null ? null : "****") + "]";
    }
}
