/**
 * Matomo (stats.beta.gouv.fr), for user accounts with a role on a website (request type {@code request-matomo}).
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.matomo.MatomoClient} is the port the delegates use, with
 *   {@link fr.beta.guichet.provider.matomo.MatomoAccess}. Reads come first so that retried writes stay safe.</li>
 *   <li>Both modes: {@link fr.beta.guichet.provider.matomo.MatomoHttpClient}, form-encoded POSTs to
 *   {@code index.php} with the token in the body, Matomo's {@code {"result":"error"}} answers mapped to the two
 *   provider failures. New users are invited by email: no password is ever generated or stored.</li>
 *   <li>Sandbox mode (default): the same client's requests are answered by
 *   {@link fr.beta.guichet.provider.matomo.MatomoFakeApi}, Matomo's HTTP API with its state in the database, which
 *   refuses what Matomo refuses and shows its sites and users on the "Bac à sable" page.</li>
 * </ul>
 * Settings and token: {@link fr.beta.guichet.provider.matomo.MatomoProperties} ({@code guichet.matomo.*}); the mode
 * switch: {@code MatomoConfiguration}.
 */
@org.springframework.modulith.NamedInterface("matomo")
package fr.beta.guichet.provider.matomo;
