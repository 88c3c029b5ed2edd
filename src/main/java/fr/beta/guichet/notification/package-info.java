/**
 * The notification port: where the lifecycle posts each step of a request, as structured
 * {@link fr.beta.guichet.notification.ChatMessage}s (the app's text and mentions apart from what people typed).
 * Adapters, each in a sub-package of its own, internal to this module: Mattermost ({@code mattermost}) and
 * Matrix/Tchap ({@code matrix}), over the providers' HTTP transport, chosen by {@code guichet.chat}
 * ({@link fr.beta.guichet.notification.ChatKind}); {@code both} posts to each
 * ({@link fr.beta.guichet.notification.BothChats}).
 */
package fr.beta.guichet.notification;
