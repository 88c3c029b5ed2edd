package fr.beta.guichet.provider.ovh;

import java.util.List;
import java.util.Optional;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The mailboxes and redirections of an OVH MX Plan email domain ({@code /email/domain/{domain}/…}):
 * {@link OvhEmailClient}, whose transport reaches OVH in live mode and {@link OvhFakeApi} in sandbox mode.
 * <p>
 * Writes are <b>asynchronous</b>: they return the {@link EmailTask} OVH queued, and the mailbox or redirection
 * shows in {@code find*} only once OVH has run it (seconds to minutes). Callers make their step idempotent by
 * looking first ({@link #findAccount}, {@link #findRedirections}, {@link #pendingAccountTasks},
 * {@link #pendingRedirectionTasks}) and wait for the
 * result by polling the same methods.
 * <p>
 * Failures:
 * <ul>
 *   <li>{@link ProviderRejectedException}: OVH refuses the request as asked, e.g. 400 (invalid password or
 *   address), 404 (unknown domain), 409 (already exists; OVH's exact text for a duplicate is unverified).</li>
 *   <li>{@link ProviderUnavailableException}: 5xx, 429, credential problems, unreadable answers, and
 *   {@code 409 ActionInProgress} ("This pop is already being processed: …, please try later"), which says another
 *   task is running on the same mailbox: the job retries, and the retry finds the mailbox created.</li>
 * </ul>
 * A mailbox password is never part of an exception message, a log line, a {@code toString} or a sandbox record.
 */
public interface EmailDomainClient {

    /** Default mailbox quota OVH applies, in bytes. */
    long DEFAULT_ACCOUNT_SIZE = 5_000_000_000L;

    /** The mailbox {@code accountName@domain}, or empty when it does not exist (yet). */
    Optional<MailAccount> findAccount(String domain, String accountName);

    /**
     * Queues the creation of mailbox {@code accountName@domain} with a {@value #DEFAULT_ACCOUNT_SIZE}-byte quota.
     * Not idempotent: check {@link #findAccount} and {@link #pendingAccountTasks} first.
     *
     * @param password    9 to 30 characters, no accents, no leading or trailing space (OVH's rule; a password
     *                    outside it is a {@link ProviderRejectedException})
     * @param description shown in OVH's manager, may be {@code null}
     * @return OVH's task, action {@code addAccount}
     */
    EmailTask createAccount(String domain, String accountName, String password, String description);

    /**
     * Redirections of {@code from} (a full address in {@code domain}), to {@code toOrNull} only or to any target
     * when it is {@code null}.
     */
    List<MailRedirection> findRedirections(String domain, String from, String toOrNull);

    /**
     * Queues a redirection from {@code from} (in {@code domain}) to {@code to}. Not idempotent: check
     * {@link #findRedirections} and {@link #pendingRedirectionTasks} first.
     *
     * @param localCopy also keep the mail in the mailbox {@code from}, which must then exist
     * @return OVH's task, action {@code add}, {@link EmailTask#name()} being the redirected account
     */
    EmailTask createRedirection(String domain, String from, String to, boolean localCopy);

    /** Tasks OVH has not finished yet on mailbox {@code accountName@domain}, oldest first. */
    List<EmailTask> pendingAccountTasks(String domain, String accountName);

    /**
     * Tasks OVH has not finished yet on the redirections of {@code from} (a full address in {@code domain}), oldest
     * first: a creation ({@code add}) whose answer was lost shows here until the redirection exists.
     */
    List<EmailTask> pendingRedirectionTasks(String domain, String from);

    /**
     * Deletes every redirection {@code from → to} ({@code DELETE …/redirection/{id}}, a task each). Idempotent:
     * none there, or a deletion task already running on {@code from}, counts as done. The redirection disappears
     * from {@link #findRedirections} once OVH has run the task.
     */
    void removeRedirection(String domain, String from, String to);

    /**
     * Deletes mailbox {@code accountName@domain} ({@code DELETE …/account/{name}}, a task). Idempotent: absent, or a
     * deletion task already running, counts as done. The mailbox disappears from {@link #findAccount} once OVH has
     * run the task. Deleting is the chosen revocation of a mailbox after its grace period: OVH's blocking is
     * unverified.
     */
    void removeAccount(String domain, String accountName);
}
