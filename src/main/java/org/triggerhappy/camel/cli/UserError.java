package org.triggerhappy.camel.cli;

/** A mistake in what the user asked for (unknown user, bad URL …): shown as one line, exit code 1. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message, null, false, false);
    }

    static UserError unknownUser(String username) {
        return new UserError("no user named '" + username + "' (users list shows them; users add creates one)");
    }

    static UserError unknownTrigger(int id) {
        return new UserError("no trigger with id " + id + " (triggers list shows them)");
    }
}
