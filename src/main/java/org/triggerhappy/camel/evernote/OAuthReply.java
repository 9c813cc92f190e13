package org.triggerhappy.camel.evernote;

import com.github.scribejava.core.model.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One reply of Evernote's {@code /oauth} endpoint: {@code application/x-www-form-urlencoded} fields such as
 * {@code oauth_token=…&oauth_token_secret=…}. A reply other than 200 becomes an {@link EvernoteOAuthException} that
 * names the step, the status and Evernote's {@code oauth_problem} when it gives one, never the body.
 */
final class OAuthReply {
    /** OAuth's problem names are short snake_case words (signature_invalid, token_rejected …). */
    private static final Pattern PROBLEM = Pattern.compile("[a-z_]{1,40}");

    enum Step { TEMPORARY_CREDENTIALS, TOKEN_EXCHANGE }

    private final Map<String, String> fields;
    private final Step step;

    private OAuthReply(Map<String, String> fields, Step step) {
        this.fields = fields;
        this.step = step;
    }

    static OAuthReply read(Response response, Step step) throws IOException {
        String body = response.getBody();
        Map<String, String> fields = parse(body == null ? "" : body);
        if (response.getCode() != 200) {
            throw refused(step, response.getCode(), fields.get("oauth_problem"));
        }
        return new OAuthReply(fields, step);
    }

    /** Form fields; a field given twice keeps its first value. Not form-encoded text yields no usable field. */
    static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : text.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a stray '%' in an HTML error page: not a field
            }
        }
        return m;
    }

    /** The field's value, "" when absent. */
    String value(String name) {
        return fields.getOrDefault(name, "");
    }

    String required(String name) {
        String v = fields.get(name);
        if (v == null || v.isEmpty()) {
            throw new EvernoteOAuthException(describe(step) + ": Evernote's reply carries no " + name);
        }
        return v;
    }

    private static EvernoteOAuthException refused(Step step, int status, String problem) {
        String detail = "HTTP " + status + (problem != null && PROBLEM.matcher(problem).matches()
                ? ", oauth_problem=" + problem : "");
        if ((status == 401 || status == 403) && step == Step.TEMPORARY_CREDENTIALS) {
            return new EvernoteOAuthException("Evernote refused the application's API key (" + detail
                    + "): check TH_EVERNOTE_CONSUMER_KEY and TH_EVERNOTE_CONSUMER_SECRET");
        }
        if (status == 401 || status == 403) {
            return new EvernoteOAuthException("Evernote refused to exchange the authorisation for a token (" + detail
                    + "): it was denied, used already or expired; run tokens login again");
        }
        return new EvernoteOAuthException(describe(step) + " failed: Evernote answered " + detail);
    }

    static String describe(Step step) {
        return step == Step.TEMPORARY_CREDENTIALS ? "asking Evernote for temporary credentials"
                : "exchanging the authorisation for a token";
    }
}
