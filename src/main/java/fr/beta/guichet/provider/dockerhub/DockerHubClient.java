package fr.beta.guichet.provider.dockerhub;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Teams (Docker Hub "groups") of the configured Docker Hub organization: {@link DockerHubApiClient} in both modes
 * (in sandbox mode its requests are answered by {@link DockerHubFakeApi}).
 * <p>
 * Docker IDs and team names are compared case-insensitively. Every method throws
 * {@link ProviderRejectedException} when Docker Hub refuses the request as asked (unknown team on a write, invalid
 * Docker ID) and {@link ProviderUnavailableException} on technical failures (credentials, permissions, rate limit,
 * 5xx, I/O, unreadable answer).
 */
public interface DockerHubClient {

    /** Whether the organization has a team named {@code team}. */
    boolean teamExists(String team);

    /**
     * Whether {@code dockerId} is a member of {@code team}; {@link ProviderRejectedException} if there is no such
     * team.
     */
    boolean isMember(String team, String dockerId);

    /**
     * Whether an invitation of {@code invitee} (Docker ID or email) to join the organization in {@code team} is
     * pending.
     */
    boolean hasPendingInvite(String team, String invitee);

    /**
     * Puts {@code dockerId} in {@code team}: added directly when the user is already in the organization, otherwise
     * invited to join it in that team. Idempotent: a user already in the team, or already invited to it, is neither
     * added nor invited again.
     */
    MembershipResult addMember(String team, String dockerId);

    /**
     * Takes {@code dockerId} out of {@code team} ({@code DELETE /v2/orgs/{org}/groups/{team}/members/{dockerId}}).
     * Idempotent: someone who is not in the team, or a team that no longer exists, counts as done. Read back with
     * {@link #isMember} (after {@link #teamExists}).
     */
    void removeMember(String team, String dockerId);

    /**
     * Cancels the pending invitation(s) of {@code invitee} (Docker ID or email) to join the organization in
     * {@code team} ({@code DELETE /v2/invites/{id}}). Idempotent: no pending invitation counts as done. Read back
     * with {@link #hasPendingInvite}.
     */
    void cancelInvite(String team, String invitee);
}
