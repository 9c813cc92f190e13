package org.triggerhappy.camel.pipeline;

/**
 * One attempt at writing an outbox item's note.
 *
 * @param marker       what the note carries to be recognised later (derived from the outbox item)
 * @param reconcile    an earlier attempt may have created the note already: look for it before creating one
 * @param syncBaseline the account's updateCount remembered before the item's first createNote; null when unknown
 *                     (the account refused the sync call, or the item predates it)
 * @param startByNanos the latest {@link System#nanoTime()} at which createNote may start under the claim's lease
 */
public record NoteAttempt(String marker, boolean reconcile, Integer syncBaseline, long startByNanos) {

    /** The marker of an outbox item: its id and the start of its entry key (unique across databases too). */
    static String marker(long outboxId, String entryKey) {
        String key = entryKey == null ? "" : entryKey.trim();
        return outboxId + "." + key.substring(0, Math.min(16, key.length()));
    }

    /** The same attempt without looking for an earlier note (the plain-text retry right after a refusal). */
    NoteAttempt fresh() {
        return new NoteAttempt(marker, false, syncBaseline, startByNanos);
    }
}
