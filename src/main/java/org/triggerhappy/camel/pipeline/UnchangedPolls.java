package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.FeedStateRepository.Unchanged;
import org.triggerhappy.camel.persistence.PollRecords;

/**
 * Collects the polls that found their feed unchanged and records them in batches (one statement per {@code batch}
 * polls, and the rest when the cycle ends). Nothing but bookkeeping waits here: no entry, only the "last checked"
 * time, the validators and the lease. If the process dies first, the leases run out and the triggers are simply
 * polled again.
 */
final class UnchangedPolls {
    private static final Logger LOG = LoggerFactory.getLogger(UnchangedPolls.class);

    private final PollRecords records;
    private final int batch;
    private final List<Unchanged> pending = new ArrayList<>();

    UnchangedPolls(PollRecords records, int batch) {
        this.records = records;
        this.batch = Math.max(1, batch);
    }

    void add(Unchanged poll) {
        List<Unchanged> full = null;
        synchronized (this) {
            pending.add(poll);
            if (pending.size() >= batch) {
                full = drain();
            }
        }
        if (full != null) {
            write(full);
        }
    }

    /** Records what is pending now (the end of a cycle). */
    void flush() {
        List<Unchanged> rest;
        synchronized (this) {
            rest = drain();
        }
        write(rest);
    }

    private List<Unchanged> drain() {
        List<Unchanged> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    private void write(List<Unchanged> polls) {
        if (polls.isEmpty()) {
            return;
        }
        try {
            records.recordUnchanged(polls);
        } catch (RuntimeException e) {
            // Their leases run out and the triggers are polled again; nothing else depends on this record.
            LOG.warn("unchanged polls not recorded, their triggers are polled again when the leases run out count={}"
                    + " error=\"{}\"", polls.size(), e.getMessage());
        }
    }
}
