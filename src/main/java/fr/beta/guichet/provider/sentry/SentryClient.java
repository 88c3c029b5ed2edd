package fr.beta.guichet.provider.sentry;

import java.util.List;
import java.util.Optional;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Members and teams of the configured Sentry organization. One implementation, {@link SentryHttpClient}, in both
 * modes: against sentry.io (or a self-hosted Sentry) in live mode, against {@link SentryFakeApi} in sandbox mode.
 * <p>
 * Emails are compared case-insensitively; team slugs as given (Sentry's slugs are lowercase). Every method throws
 * {@link ProviderRejectedException} when Sentry refuses the request as asked (invalid email or slug, unknown team on
 * a write, an access request instead of a membership) and {@link ProviderUnavailableException} on technical
 * failures (token refused or lacking a scope, 429, 5xx, I/O, unreadable answer). Every write is idempotent: what
 * already exists as asked counts as done, and a call repeated after a lost answer changes nothing more.
 */
public interface SentryClient {

    String PROVIDER = "sentry";

    /** Whether the organization has a team with this slug. */
    boolean teamExists(String teamSlug);

    /** The organization member id of {@code email} (a member or a pending invitation), found across every page. */
    Optional<String> memberId(String email);

    /** Whether {@code email} is in the organization and in the team {@code teamSlug}. */
    boolean isTeamMember(String email, String teamSlug);

    /**
     * The slugs of the teams {@code email} is in (a member or a pending invitation); empty when not in the
     * organization. Read at the time: the revocation removes a person from the organization once they have no team
     * left there.
     */
    List<String> teamsOf(String email);

    /**
     * Puts {@code email} in {@code teamSlug} with {@code role}: creates the team if it is missing, then invites the
     * email into the organization with that team role when it is not a member, or adds the member to the team
     * (and sets the team role) when it is.
     */
    SentryGrant grant(String email, String teamSlug, SentryTeamRole role);

    /**
     * Takes {@code email} out of the team ({@code DELETE /api/0/organizations/{org}/members/{id}/teams/{slug}/}).
     * Not a member of the organization, or not of the team, counts as done.
     */
    void removeFromTeam(String email, String teamSlug);

    /**
     * Removes {@code email} from the organization, pending invitation included
     * ({@code DELETE /api/0/organizations/{org}/members/{id}/}). Absent counts as done.
     */
    void removeMember(String email);
}
