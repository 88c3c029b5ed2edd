package fr.beta.guichet.provider.ovh;

import java.time.Instant;

/**
 * One write an OVH sandbox ({@link SandboxDnsZone}, {@link SandboxEmailDomain}) performed, for the "Bac à sable"
 * page.
 *
 * @param at        when it happened
 * @param operation {@code create} or {@code refresh} (DNS), {@code create-account} or {@code create-redirection}
 *                  (email)
 * @param details   what was written, readable by an admin; never a secret (a mailbox password shows as
 *                  {@code [masqué]})
 */
public record SandboxOperation(Instant at, String operation, String details) {
}
