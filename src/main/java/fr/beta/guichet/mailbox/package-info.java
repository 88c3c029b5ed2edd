/**
 * Mailbox and redirection requests: {@code prenom.nom@beta.gouv.fr} created on the mail provider
 * ({@code provider.mail.MailProvider}: Dimail by default, or OVH's MX Plan) by an admin of {@code ops-ovh}. A provider
 * still at work makes the process wait and check again. A mailbox's password (generated here for OVH, by Dimail
 * otherwise) is filed encrypted as a one-time secret and shown once to the requester. Process
 * {@code request-mailbox}.
 */
package fr.beta.guichet.mailbox;
