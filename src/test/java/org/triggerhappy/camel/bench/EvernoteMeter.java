package org.triggerhappy.camel.bench;

import java.util.List;
import org.triggerhappy.camel.testsupport.FakeEvernote;

/**
 * Watches the fake Evernote's call counters (every 2 ms) to time deliveries from the outside: from the first call
 * of the run to the last createNote.
 */
final class EvernoteMeter implements AutoCloseable {
    private static final List<String> METHODS = List.of("checkVersion", "getNoteStoreUrl", "getUser", "listNotebooks",
            "getDefaultNotebook", "createNotebook", "listTags", "createTag", "createNote", "findNotesMetadata",
            "getNote");

    private final FakeEvernote evernote;
    private final int callsBefore;
    private final int notesBefore;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long firstCallNanos;
    private volatile long firstNoteNanos;
    private volatile long lastNoteNanos;
    private volatile int notes;
    private volatile int calls;

    EvernoteMeter(FakeEvernote evernote) {
        this.evernote = evernote;
        this.callsBefore = totalCalls();
        this.notesBefore = evernote.calls("createNote");
        this.thread = new Thread(this::watch, "evernote-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private int totalCalls() {
        return METHODS.stream().mapToInt(evernote::calls).sum();
    }

    private void watch() {
        while (running) {
            long now = System.nanoTime();
            int c = totalCalls() - callsBefore;
            if (c > 0 && firstCallNanos == 0) {
                firstCallNanos = now;
            }
            int n = evernote.calls("createNote") - notesBefore;
            if (n != notes) {
                if (notes == 0) {
                    firstNoteNanos = now;
                }
                notes = n;
                lastNoteNanos = now;
            }
            calls = c;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** createNote calls seen. */
    int notes() {
        return notes;
    }

    /** Every Evernote call seen (notebooks, tags, note store URL, notes). */
    int calls() {
        return calls;
    }

    /** Seconds from the first Evernote call to the last createNote. */
    double seconds() {
        return firstCallNanos == 0 || lastNoteNanos == 0 ? Double.NaN : (lastNoteNanos - firstCallNanos) / 1e9;
    }

    /** Seconds to the last createNote from the first Evernote call or {@code startNanos} (0: none), whichever came first. */
    double secondsFrom(long startNanos) {
        long first = firstCallNanos;
        if (startNanos != 0 && (first == 0 || startNanos < first)) {
            first = startNanos;
        }
        return first == 0 || lastNoteNanos == 0 ? Double.NaN : (lastNoteNanos - first) / 1e9;
    }

    /** Notes per second from the first createNote to the last (the Evernote set-up calls before them left out). */
    double notesPerSecondFirstToLast() {
        return firstNoteNanos == 0 || lastNoteNanos <= firstNoteNanos ? Double.NaN
                : notes / ((lastNoteNanos - firstNoteNanos) / 1e9);
    }

    /** When the first and the last createNote of the run were seen (wall clock), for a profile's window. */
    java.time.Instant[] noteWindow() {
        java.time.Instant now = java.time.Instant.now();
        long nanos = System.nanoTime();
        return new java.time.Instant[] {now.minusNanos(nanos - firstNoteNanos), now.minusNanos(nanos - lastNoteNanos)};
    }

    double notesPerSecond() {
        return notes / seconds();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
