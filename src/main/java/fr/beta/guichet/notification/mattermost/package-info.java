/**
 * Mattermost adapter of the notification port {@link fr.beta.guichet.notification.ChatChannel}: announces each
 * request as a root post of the ops channel, follows it with thread replies and marks it done with a reaction.
 * <ul>
 *   <li>{@link fr.beta.guichet.notification.mattermost.MattermostChannel}: the client, REST API v4 with a bot's
 *   personal access token, over the providers' transport (Camunda Connect live);</li>
 *   <li>{@link fr.beta.guichet.notification.mattermost.MattermostFakeApi}: the sandbox (default) and the tests' fake
 *   of that API, state in the database, threads shown on the « Bac à sable » page;</li>
 *   <li>{@link fr.beta.guichet.notification.mattermost.MattermostMarkdown}: chat messages as markdown, typed text
 *   escaped;</li>
 *   <li>{@link fr.beta.guichet.notification.mattermost.MattermostProperties}: {@code guichet.mattermost.*}.</li>
 * </ul>
 * Every failure is a {@link fr.beta.guichet.provider.ProviderUnavailableException}: a notification that cannot be
 * sent is a technical or configuration problem (retry, then incident), never a business refusal.
 */
package fr.beta.guichet.notification.mattermost;
