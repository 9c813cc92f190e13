package org.triggerhappy.camel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.triggerhappy.camel.cli.AuthorisationAnswer.Verdict;
import org.triggerhappy.camel.evernote.EvernoteOAuth;
import org.triggerhappy.camel.evernote.EvernoteOAuth.Authorisation;
import org.triggerhappy.camel.evernote.EvernoteOAuth.TemporaryCredentials;
import org.triggerhappy.camel.evernote.EvernoteOAuthException;

/**
 * The terminal side of Evernote's sign-in for {@code tokens login}: temporary credentials for a loopback callback,
 * the authorisation address printed for the user, then the first answer from either the browser's return to the
 * callback or the address pasted on standard input (for a browser on another machine, whose return page cannot
 * load), and the exchange for the token. Both sources are open at once, so nothing has to be chosen in advance.
 * Every failure is a {@link UserError} with exit code 2; nothing here prints or logs the token.
 */
final class EvernoteLogin {
    private final EvernoteOAuth oauth;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final int callbackPort;
    private final Duration timeout;

    EvernoteLogin(EvernoteOAuth oauth, PrintStream out, PrintStream err, InputStream in, int callbackPort,
                  Duration timeout) {
        this.oauth = oauth;
        this.out = out;
        this.err = err;
        this.in = in;
        this.callbackPort = callbackPort;
        this.timeout = timeout;
    }

    /** Runs the sign-in for the Evernote account the user picks in the browser; the authorisation it yields. */
    Authorisation signIn(String username) throws InterruptedException {
        try (OAuthCallbackServer callback = OAuthCallbackServer.start(callbackPort)) {
            TemporaryCredentials temporary = oauth.temporaryCredentials(callback.url());
            AnswerWait answers = new AnswerWait(temporary.token());
            callback.deliverTo(answers);
            out.println("Open this address in a browser, sign in to the Evernote account for " + username
                    + " and allow access:");
            out.println();
            out.println("  " + temporary.authorisationUrl());
            out.println();
            out.println("Waiting up to " + human(timeout) + " for Evernote to send the browser back to "
                    + callback.url() + ".");
            out.println("If the browser runs on another machine, that page will not load: copy the address from its"
                    + " address bar, paste it here and press Enter.");
            readPastedAnswers(answers);
            AuthorisationAnswer answer;
            try {
                answer = answers.await(timeout);
            } catch (TimeoutException e) {
                throw UserError.invalid("no answer from Evernote within " + human(timeout) + " (neither the browser's"
                        + " return nor a pasted address): nothing stored; run tokens login again");
            }
            if (answer.verifier() == null) {
                throw UserError.invalid("access was not allowed on Evernote's page: nothing stored");
            }
            return oauth.exchange(temporary, answer.verifier());
        } catch (EvernoteOAuthException e) {
            throw UserError.invalid(e.getMessage() + "; nothing stored");
        }
    }

    /**
     * Offers each line typed or pasted on standard input until one answers the sign-in. A daemon thread: standard
     * input cannot be interrupted, and the command must not wait for it once the browser has answered.
     */
    private void readPastedAnswers(AnswerWait answers) {
        Thread reader = new Thread(() -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                String line;
                while (!answers.answered() && (line = lines.readLine()) != null) {
                    if (line.isBlank() || answers.answered()) {
                        continue;
                    }
                    if (answers.offer(AuthorisationAnswer.pasted(line), false) == Verdict.FOREIGN) {
                        // What was pasted is not repeated: it may be anything, a secret included.
                        err.println("that is not the address Evernote sent the browser back to for this sign-in:"
                                + " paste the whole address (with oauth_token= and oauth_verifier=)");
                    }
                }
            } catch (IOException e) {
                // standard input closed or unreadable: the callback may still answer
            }
        }, "th-login-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 60 && s % 60 == 0) {
            return (s / 60) + " min";
        }
        return s > 0 ? s + " s" : d.toMillis() + " ms";
    }
}
