package fr.beta.guichet.provider.sentry;

/**
 * What {@link SentryClient#grant} did.
 *
 * @param outcome     how the person got into the team
 * @param teamCreated whether the team did not exist and was created by this call (or by an earlier attempt whose
 *                    answer was lost: then {@code false})
 */
public record SentryGrant(Outcome outcome, boolean teamCreated) {

    public enum Outcome {
        /** The email was not in the organization: Sentry sent an invitation to join it, in the team. */
        INVITED,
        /** The person was in the organization (member or pending invitation) and is now in the team. */
        ADDED,
        /** The person was already in the team (with the requested role now); nothing else was changed. */
        ALREADY_IN_TEAM
    }
}
