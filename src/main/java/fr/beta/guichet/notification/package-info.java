/**
 * The notification port: where the lifecycle posts each step of a request. The Mattermost adapter lives in
 * {@code provider.mattermost}; a Matrix/Tchap adapter would implement {@link fr.beta.guichet.notification.ChatChannel}
 * the same way without touching the processes.
 */
package fr.beta.guichet.notification;
