package fr.beta.guichet.provider.ovh;

import java.time.Instant;

/**
 * One write the OVH sandbox performed, for the "Bac à sable" page.
 *
 * @param at        when it happened
 * @param operation {@code create} or {@code refresh}
 * @param details   what was written, readable by an admin (no secret is ever involved)
 */
public record SandboxOperation(Instant at, String operation, String details) {
}
