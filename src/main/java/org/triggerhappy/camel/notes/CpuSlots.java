package org.triggerhappy.camel.notes;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One slot per core for the CPU-heavy steps (finding a page's article, writing and validating a note's ENML). They
 * run on threads that mostly wait on the network (page fetches, Evernote calls), dozens of them: unbounded, dozens of
 * such steps would share a few cores at once, and each would take more CPU in all (caches, switches) and finish later.
 */
public final class CpuSlots {

    private static final CpuSlots SHARED = new CpuSlots(Runtime.getRuntime().availableProcessors());

    private final Semaphore slots;

    CpuSlots(int slots) {
        this.slots = new Semaphore(Math.max(1, slots), true);
    }

    /** The slots of this process: as many as it has cores. */
    public static CpuSlots shared() {
        return SHARED;
    }

    /** Runs {@code work} once a slot is free. */
    public <T> T run(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
