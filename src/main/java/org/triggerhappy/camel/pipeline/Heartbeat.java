package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.persistence.InstanceRepository;
import org.triggerhappy.camel.persistence.StorageException;
import org.triggerhappy.camel.persistence.TriggerLeaseRepository;

/**
 * Renews this runtime's row in {@code thc_instances} every {@link #EVERY} (the instances route's timer) and, on the
 * same beat, ends the trigger leases of holders that are gone ({@link DeadHolders}); outbox leases of gone holders
 * are released by the {@link OutboxSweeper}. On a clean stop the row is marked long dead, so what this runtime
 * still holds is taken over at once.
 */
public final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** Rows of instances silent this long are forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final InstanceRepository instances;
    private final TriggerLeaseRepository triggerLeases;
    private final DeadHolders dead;
    private volatile boolean failing;

    public Heartbeat(InstanceRepository instances, TriggerLeaseRepository triggerLeases, DeadHolders dead) {
        this.instances = instances;
        this.triggerLeases = triggerLeases;
        this.dead = dead;
    }

    public void beat() {
        LeaseHolder self = dead.self();
        try {
            instances.beat(self.toString(), self.host(), self.bootId(), self.machineId(), self.pid());
            releaseTriggersOfGoneHolders();
            instances.prune(FORGET_AFTER);
            if (failing) {
                failing = false;
                LOG.info("heartbeat recorded again");
            }
        } catch (StorageException e) {
            if (!failing) {
                failing = true;
                LOG.warn("heartbeat not recorded, the database is unavailable; after {} s other instances take"
                        + " over this one's leases error=\"{}\"", DeadHolders.STALE_AFTER.toSeconds(), e.getMessage());
            }
        }
    }

    /** Ends trigger leases held by gone holders; their triggers are refreshed by the next cycle. */
    int releaseTriggersOfGoneHolders() {
        var gone = dead.among(triggerLeases.holders());
        int released = triggerLeases.releaseHeldBy(gone);
        if (released > 0) {
            LOG.warn("trigger leases of a stopped instance released count={} holders={}", released, gone);
        }
        return released;
    }

    /** After the routes have stopped: nothing of this runtime is in flight any more. */
    public void stopped() {
        try {
            instances.stopped(dead.self().toString());
        } catch (StorageException e) {
            // its row goes stale on its own
        }
    }
}
