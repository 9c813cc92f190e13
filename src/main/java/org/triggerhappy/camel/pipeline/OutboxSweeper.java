package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.OutboxQueries;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;

/**
 * Finds outbox items that are due again (left over from a previous run or a crash, retried after a back-off, or
 * released when a user's token was renewed) and hands them to the delivery queue, once each. Deliveries that were
 * interrupted (their process was killed, or this process lost the database before it could record the outcome)
 * are released first, so a restart resumes them at once instead of when their lease runs out; so are the leases of
 * holders that are gone ({@link DeadHolders}: a process ended on this machine, or a heartbeat gone silent).
 */
public final class OutboxSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRepository outbox;
    private final OutboxQueries queries;
    private final UserPauseRepository pauses;
    private final InFlight inFlight;
    private final int batch;
    private final DeadHolders dead;

    public OutboxSweeper(OutboxRepository outbox, OutboxQueries queries, UserPauseRepository pauses, InFlight inFlight, int batch,
                         DeadHolders dead) {
        this.outbox = outbox;
        this.queries = queries;
        this.pauses = pauses;
        this.inFlight = inFlight;
        this.batch = batch;
        this.dead = dead;
    }

    /** The items to hand to delivery; a database that is away is left to the route's error policy (errors.xml). */
    public List<Map<String, Object>> due() {
        for (int userId : pauses.usersWithRenewedToken()) {
            pauses.clear(userId);
            int n = outbox.releaseUser(userId);
            LOG.info("Evernote token renewed, deliveries resume user_id={} pending_notes={}", userId, n);
        }
        releaseInterrupted();
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutboxQueries.Due d : queries.due(batch)) {
            if (inFlight.addIfAbsent(d.id())) {
                out.add(EntryMessage.ref(d.id(), d.userId()));
            }
        }
        if (!out.isEmpty()) {
            LOG.info("resuming pending notes count={}", out.size());
        }
        return out;
    }

    private void releaseInterrupted() {
        String self = dead.self().toString();
        List<OutboxQueries.Lease> leases = queries.leases(batch);
        Set<String> gone = dead.among(leases.stream().map(OutboxQueries.Lease::holder).collect(Collectors.toSet()));
        int released = 0;
        for (OutboxQueries.Lease lease : leases) {
            // Our own lease on an item no delivery of ours is working on: the outcome was never recorded.
            boolean interrupted = self.equals(lease.holder()) ? !inFlight.contains(lease.id())
                    : gone.contains(lease.holder());
            if (interrupted && outbox.releaseInterrupted(lease)) {
                released++;
            }
        }
        if (released > 0) {
            LOG.warn("resuming interrupted deliveries count={}: each first looks for a note stored by the"
                    + " interrupted attempt before writing one", released);
        }
    }
}
