package org.triggerhappy.camel.pipeline;

import org.triggerhappy.camel.persistence.TriggerRow;

/**
 * One trigger the cycle selected as due, with the cycle's {@link TriggerClaims} that leases it (together with the
 * triggers just after it) when a fetch worker picks it up.
 */
public record DueTrigger(TriggerRow row, int index, TriggerClaims claims) {
}
