/**
 * Mailbox and redirection requests: {@code prenom.nom@beta.gouv.fr} created at OVH (MX Plan) by an admin of
 * {@code ops-ovh}. OVH creates them asynchronously: the process waits and checks again. A mailbox's password is
 * generated here, filed encrypted as a one-time secret and shown once to the requester. Process
 * {@code request-mailbox}.
 */
package fr.beta.guichet.mailbox;
