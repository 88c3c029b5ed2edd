package fr.beta.guichet.offboarding;

import java.time.Instant;

/**
 * One access of a departure ({@code guichet_offboarding_item}).
 *
 * @param revokeAt when the access must be gone; null when kept
 * @param outcome  null while pending
 */
public record DepartureItem(String reference, String grantId, Decision decision, Integer keepDays, Instant revokeAt,
        Outcome outcome, Instant outcomeAt, String handledBy) {
}
