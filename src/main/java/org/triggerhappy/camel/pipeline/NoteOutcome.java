package org.triggerhappy.camel.pipeline;

/** How one delivery attempt ended; {@link #label()} is its value in the notes metric. */
public enum NoteOutcome {
    WRITTEN("written", false),
    /** Temporary trouble: tried again after a back-off. */
    RETRY("retry", true),
    RATE_LIMITED("rate_limited", true),
    /** The account's upload allowance is used up until its period ends. */
    QUOTA_PAUSED("quota_paused", true),
    /** No usable token: the user's notes wait for a new one. */
    AUTH_PAUSED("auth_paused", true),
    /** Rejected for good: waiting cannot help. */
    PARKED("parked", false);

    private final String label;
    private final boolean deferred;

    NoteOutcome(String label, boolean deferred) {
        this.label = label;
        this.deferred = deferred;
    }

    public String label() {
        return label;
    }

    /** Whether the note waits for a later attempt. */
    public boolean deferred() {
        return deferred;
    }
}
