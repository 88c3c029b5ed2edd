/**
 * Docker Hub, for adding people to the teams of beta.gouv.fr's Docker Hub organization.
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.dockerhub.DockerHubClient} is the port the delegates use; it answers a
 *   {@link fr.beta.guichet.provider.dockerhub.MembershipResult} when adding a member.</li>
 *   <li>Live mode: {@link fr.beta.guichet.provider.dockerhub.DockerHubApiClient}, which exchanges the access token
 *   for a short-lived bearer token, falls back to an invitation for users not yet in the organization, and maps
 *   Docker Hub errors to the two provider failures.</li>
 *   <li>Sandbox mode (default): {@link fr.beta.guichet.provider.dockerhub.SandboxDockerHub}, an in-memory
 *   organization that adds, invites and refuses like Docker Hub and records its writes for the "Bac à sable"
 *   page.</li>
 * </ul>
 * Settings and credentials: {@link fr.beta.guichet.provider.dockerhub.DockerHubProperties}
 * ({@code guichet.dockerhub.*}); the mode switch: {@code DockerHubConfiguration}.
 */
package fr.beta.guichet.provider.dockerhub;
