package org.triggerhappy.camel.evernote;

/**
 * Evernote's OAuth sign-in failed. The message is meant for the operator as it is: it names the step and the
 * reason, never a token, a secret or a reply body.
 */
public final class EvernoteOAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvernoteOAuthException(String message) {
        super(message, null, false, false);
    }
}
