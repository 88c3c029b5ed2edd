/**
 * Sentry, for putting people in the teams of beta.gouv.fr's Sentry organization (request type
 * {@code request-sentry}) and taking them out again (offboarding).
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.sentry.SentryClient} is the port; its one implementation is
 *   {@link fr.beta.guichet.provider.sentry.SentryHttpClient}, Sentry's web API with a bearer token, following the
 *   {@code Link} header's cursors through paginated lists.</li>
 *   <li>Sandbox mode (default): the same client, its calls answered in process by
 *   {@link fr.beta.guichet.provider.sentry.SentryFakeApi}, whose state is in the application's database; the fake
 *   also serves the tests.</li>
 * </ul>
 * Settings: {@link fr.beta.guichet.provider.sentry.SentryProperties} ({@code guichet.sentry.*}, {@code SENTRY_*}).
 */
@org.springframework.modulith.NamedInterface("sentry")
package fr.beta.guichet.provider.sentry;
