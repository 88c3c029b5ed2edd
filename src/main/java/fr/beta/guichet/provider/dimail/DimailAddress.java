package fr.beta.guichet.provider.dimail;

/**
 * One entry of {@code GET /v2/domains/{domain}/mailboxes}.
 *
 * @param type       {@code mailbox} or {@code alias}
 * @param email      the full address
 * @param imapActive {@code yes}, {@code no} (suspended), {@code wait} (being provisioned) or {@code unknown}
 * @param smtpActive same values, for sending
 */
public record DimailAddress(String type, String email, String imapActive, String smtpActive) {

    public boolean isMailbox() {
        return "mailbox".equals(type);
    }

    public boolean isAlias() {
        return "alias".equals(type);
    }

    /** Ready to use: provisioned and not suspended. */
    public boolean isActive() {
        return "yes".equals(imapActive);
    }

    /** Suspended ({@code imap_active=no}). */
    public boolean isSuspended() {
        return "no".equals(imapActive);
    }

    public String userName() {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
