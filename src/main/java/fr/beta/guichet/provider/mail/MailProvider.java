package fr.beta.guichet.provider.mail;

import java.time.Instant;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The mail-provider seam: what the mailbox request type and the offboarding's mail revokers do with mailboxes and
 * redirections, on the provider {@code guichet.mailboxes.provider} chooses ({@link DimailMailProvider} or
 * {@link OvhMailProvider}; one bean).
 * <p>
 * Every write is read first, so a retried job never creates twice; what already exists as asked counts as done. A
 * provider that works asynchronously answers {@link Progress#PENDING}: ask again with the {@code *Progress} methods.
 * Failures: {@link ProviderRejectedException} (with a French reason) when it cannot be done as asked, e.g. the
 * address taken by someone else; {@link ProviderUnavailableException} for an outage.
 */
public interface MailProvider {

    enum Progress {
        DONE, PENDING
    }

    /** {@code dimail} or {@code ovh}: the provider named in refusals and outages. */
    String name();

    /** The provider's name in French texts: {@code Dimail}, {@code OVH}. */
    String label();

    /** The mail domain. */
    String domain();

    /** Whether {@code localPart@domain} is in use: a mailbox, a redirection, or one being created. */
    boolean isTaken(String localPart);

    /**
     * Creates mailbox {@code localPart@domain}; its password goes through {@code password} only.
     *
     * @param description who asked, for the provider's own records (e.g. {@code Guichet Ops MEL-2026-0001})
     */
    Progress createMailbox(String localPart, String description, MailboxPassword password);

    /** Whether the mailbox is ready (after {@link #createMailbox} answered {@link Progress#PENDING}). */
    Progress mailboxProgress(String localPart);

    /** Creates the redirection {@code localPart@domain → to}. */
    Progress createRedirection(String localPart, String to);

    /** Whether the redirection is in place. */
    Progress redirectionProgress(String localPart, String to);

    // ---- offboarding: the grants' provider identifiers ----

    /**
     * Takes a mailbox back: OVH deletes it; Dimail suspends it ({@code imap_active=no}) and deletes it after its
     * grace period ({@link #completeRevocations}). Idempotent: absent counts as done.
     */
    void revokeMailbox(String domain, String localPart, Instant now);

    /** Whether the mailbox is taken back (read at the provider): absent, or suspended with its deletion scheduled. */
    boolean isMailboxRevoked(String domain, String localPart);

    /** Deletes the redirection {@code from → to}; absent counts as done. */
    void removeRedirection(String domain, String from, String to);

    /** Whether the redirection {@code from → to} is absent at the provider. */
    boolean isRedirectionGone(String domain, String from, String to);

    /**
     * Runs the follow-ups of revocations that are due at {@code now} (Dimail: deletes the suspended mailboxes whose
     * grace period is over, and reads each back). Outages are kept for the next run, never thrown.
     *
     * @return how many mailboxes were deleted and read back as gone
     */
    int completeRevocations(Instant now);
}
