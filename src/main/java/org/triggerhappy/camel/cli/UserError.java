package org.triggerhappy.camel.cli;

/**
 * A mistake in what the user asked for (unknown user, bad URL …): shown as one line, exit code 1; a rule, title
 * template or OPML file that cannot be read, or a page without a feed, exits 2 ({@link #invalid}) with nothing
 * written: the input itself is wrong, not the state it met.
 */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(String message) {
        this(message, TriggerHappyCli.USER_ERROR);
    }

    private UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Input the command cannot use at all: a keep/block rule, a title template, an OPML file, a page without a feed. */
    static UserError invalid(String message) {
        return new UserError(message, TriggerHappyCli.INVALID_INPUT);
    }

    int exitCode() {
        return exitCode;
    }

    static UserError unknownUser(String username) {
        return new UserError("no user named '" + username + "' (users list shows them; users add creates one)");
    }

    static UserError unknownTrigger(int id) {
        return new UserError("no trigger with id " + id + " (triggers list shows them)");
    }
}
