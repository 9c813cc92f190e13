package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.UserPauseRepository;

/**
 * Finds outbox items that are due again (left over from a previous run or a crash, retried after a back-off, or
 * released when a user's token was renewed) and hands them to the delivery queue, once each.
 */
public final class OutboxSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRepository outbox;
    private final UserPauseRepository pauses;
    private final InFlight inFlight;
    private final int batch;

    public OutboxSweeper(OutboxRepository outbox, UserPauseRepository pauses, InFlight inFlight, int batch) {
        this.outbox = outbox;
        this.pauses = pauses;
        this.inFlight = inFlight;
        this.batch = batch;
    }

    public List<Map<String, Object>> due() {
        for (int userId : pauses.usersWithRenewedToken()) {
            pauses.clear(userId);
            int n = outbox.releaseUser(userId);
            LOG.info("Evernote token renewed, deliveries resume user_id={} pending_notes={}", userId, n);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutboxRepository.Due d : outbox.due(batch)) {
            if (inFlight.add(d.id())) {
                out.add(EntryMessage.ref(d.id(), d.userId()));
            }
        }
        if (!out.isEmpty()) {
            LOG.info("resuming pending notes count={}", out.size());
        }
        return out;
    }
}
