/**
 * Dimail, the State's mail API (FastAPI, in front of Open-XChange), for the mailboxes and aliases (redirections) of
 * beta.gouv.fr's mail domain when {@code guichet.mailboxes.provider=dimail} (the default).
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.dimail.DimailClient} is the port, with
 *   {@link fr.beta.guichet.provider.dimail.DimailAddress}, {@link fr.beta.guichet.provider.dimail.DimailAlias} and
 *   {@link fr.beta.guichet.provider.dimail.CreatedMailbox} (whose password is never printed).</li>
 *   <li>{@link fr.beta.guichet.provider.dimail.DimailHttpClient} is its one implementation: a token from
 *   {@code GET /token/} (Basic), then Bearer calls; renewed before expiry and after a 401.</li>
 *   <li>Sandbox mode (default): the same client, answered in process by
 *   {@code provider.dimail.fake.DimailFakeApi}, whose state is in the database.</li>
 * </ul>
 * Settings: {@link fr.beta.guichet.provider.dimail.DimailProperties} ({@code guichet.dimail.*}, {@code DIMAIL_*}).
 */
@org.springframework.modulith.NamedInterface("dimail")
package fr.beta.guichet.provider.dimail;
