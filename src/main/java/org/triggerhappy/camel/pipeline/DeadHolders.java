package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.triggerhappy.camel.persistence.InstanceRepository;

/**
 * Which lease holders are gone, so that their work is taken over now rather than when their leases run out: one
 * on this machine whose process has ended ({@link LeaseHolder#provesDead}), or one anywhere whose heartbeat is
 * older than {@link #STALE_AFTER}. A holder with no heartbeat row (an older version) and an unknown format are
 * never gone by this test: their leases run out.
 */
public final class DeadHolders {
    /** Several missed beats ({@link Heartbeat#EVERY}): a live instance that is only slow is not taken for dead. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(20);

    private final LeaseHolder self;
    private final InstanceRepository instances;

    public DeadHolders(LeaseHolder self, InstanceRepository instances) {
        this.self = self;
        this.instances = instances;
    }

    public LeaseHolder self() {
        return self;
    }

    /** The holders among these that are gone; never this runtime itself. */
    public Set<String> among(Collection<String> holders) {
        Set<String> others = new HashSet<>(holders);
        others.remove(self.toString());
        others.remove(null);
        Set<String> dead = new HashSet<>();
        for (String h : others) {
            if (self.provesDead(h)) {
                dead.add(h);
            }
        }
        others.removeAll(dead);
        dead.addAll(instances.staleAmong(others, STALE_AFTER));
        return dead;
    }
}
