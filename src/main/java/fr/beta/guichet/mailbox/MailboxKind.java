package fr.beta.guichet.mailbox;

/** A real mailbox (with a generated password) or a redirection to an existing address. */
public enum MailboxKind {
    MAILBOX, REDIRECTION
}
