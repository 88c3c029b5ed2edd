package fr.beta.guichet.provider.mail;

/**
 * The one-time secret of one request, as a {@link MailProvider} hands a mailbox's password over: filed encrypted,
 * shown once to the requester, never in a variable, a log line, a chat or an email. Implemented by the request type
 * on its secret store.
 */
public interface MailboxPassword {

    /** Whether this request already filed a password: the mailbox found at the provider is then its own. */
    boolean filed();

    /** Files a newly generated password, or returns the one already filed (a provider that takes our password). */
    String fileGenerated();

    /** Files the password the provider generated and returned (a provider that gives it once). */
    void file(String fromProvider);
}
