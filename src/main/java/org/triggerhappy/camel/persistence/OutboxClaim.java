package org.triggerhappy.camel.persistence;

/**
 * The claim a delivery holds on an outbox item: who took it and which claim it was. Every update made under the
 * claim names both, so it changes nothing once another claim replaced this one (the lease ran out meanwhile).
 */
public record OutboxClaim(long id, String owner, long number) {
}
