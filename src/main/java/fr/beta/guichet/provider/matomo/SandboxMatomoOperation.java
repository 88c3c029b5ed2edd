package fr.beta.guichet.provider.matomo;

import java.time.Instant;

/**
 * One write the Matomo sandbox performed, for the "Bac à sable" page.
 *
 * @param at        when it happened
 * @param operation {@code inviteUser}, {@code addSite} or {@code setUserAccess}
 * @param details   what was written, readable by an admin (no secret is ever involved)
 */
public record SandboxMatomoOperation(Instant at, String operation, String details) {
}
