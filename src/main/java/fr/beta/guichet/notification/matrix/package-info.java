/**
 * Matrix (Tchap) adapter of the notification port {@link fr.beta.guichet.notification.ChatChannel}: the live
 * client-server API v3 client {@link fr.beta.guichet.notification.matrix.MatrixChannel} (idempotent by transaction
 * id, threads, reactions, mentions), its settings {@link fr.beta.guichet.notification.matrix.MatrixProperties}
 * ({@code guichet.matrix.*}) and the homeserver fake {@link fr.beta.guichet.notification.matrix.MatrixFakeApi} that
 * serves the sandbox and the tests.
 */
package fr.beta.guichet.notification.matrix;
