package org.triggerhappy.camel.pipeline;

import java.util.Optional;
import org.triggerhappy.camel.persistence.FeedState;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * A trigger the cycle selected as due: its place in the cycle's list and the cycle's {@link CycleLeases}, which
 * lease it (together with the triggers just after it) when a fetch worker picks it up.
 */
public record DueTrigger(Trigger trigger, int index, CycleLeases leases) {

    /** Its feed state if this instance now holds its lease (see {@link CycleLeases#claim}). */
    public Optional<FeedState> claim() {
        return leases.claim(index);
    }
}
