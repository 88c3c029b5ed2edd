package fr.beta.guichet.provider.ovh;

/**
 * A mailbox of an MX Plan domain, as OVH's {@code email.domain.Account} (its password is never readable).
 *
 * @param accountName the local part, e.g. {@code prenom.nom}
 * @param email       the full address, e.g. {@code prenom.nom@beta.gouv.fr}
 * @param description free text, empty when none
 * @param blocked     OVH's {@code isBlocked}: the mailbox exists but cannot send (spam, abuse)
 * @param size        quota in bytes
 */
public record MailAccount(String accountName, String email, String description, boolean blocked, long size) {

    public MailAccount {
        description = description == null ? "" : description;
    }
}
