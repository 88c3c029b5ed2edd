/**
 * Docker Hub, for adding people to the teams of beta.gouv.fr's Docker Hub organization.
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.dockerhub.DockerHubClient} is the port the delegates use; it answers a
 *   {@link fr.beta.guichet.provider.dockerhub.MembershipResult} when adding a member.</li>
 *   <li>Both modes: {@link fr.beta.guichet.provider.dockerhub.DockerHubApiClient}, which exchanges the access token
 *   for a short-lived bearer token, falls back to an invitation for users not yet in the organization, and maps
 *   Docker Hub errors to the two provider failures.</li>
 *   <li>Sandbox mode (default): the same client's requests are answered by
 *   {@link fr.beta.guichet.provider.dockerhub.DockerHubFakeApi}, Docker Hub's API v2 for the configured organization
 *   with its state in the database, which adds, invites and refuses like Docker Hub and shows its teams and
 *   invitations on the "Bac à sable" page.</li>
 * </ul>
 * Settings and credentials: {@link fr.beta.guichet.provider.dockerhub.DockerHubProperties}
 * ({@code guichet.dockerhub.*}); the mode switch: {@code DockerHubConfiguration}.
 */
@org.springframework.modulith.NamedInterface("dockerhub")
package fr.beta.guichet.provider.dockerhub;
