/**
 * The mail-provider seam: {@link fr.beta.guichet.provider.mail.MailProvider}, what the mailbox request type and the
 * offboarding's mail revokers use, on Dimail (default) or OVH as {@code guichet.mailboxes.provider}
 * ({@code GUICHET_MAIL_PROVIDER}) says; the mail domain is {@link fr.beta.guichet.provider.mail.MailSettings}
 * ({@code GUICHET_MAIL_DOMAIN}). A mailbox's password only ever passes through
 * {@link fr.beta.guichet.provider.mail.MailboxPassword}, the request's one-time secret.
 */
@org.springframework.modulith.NamedInterface("mail")
package fr.beta.guichet.provider.mail;
