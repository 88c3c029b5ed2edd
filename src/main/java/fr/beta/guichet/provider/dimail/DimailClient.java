package fr.beta.guichet.provider.dimail;

import java.util.List;
import java.util.Optional;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The mailboxes and aliases of one Dimail domain (the State's mail API), as Guichet Ops uses them:
 * {@link DimailHttpClient}, whose transport reaches Dimail in live mode and its fake in sandbox mode.
 * <p>
 * Failures: {@link ProviderRejectedException} when Dimail refuses the request as asked (400, 404 on a write, 409
 * where it is not « already there », 422); {@link ProviderUnavailableException} for 5xx, 429, I/O, a token refused
 * even after renewal, a 403 (the account lacks rights on the domain) and unreadable answers.
 * A mailbox password is never part of an exception message, a log line or a {@code toString}.
 */
public interface DimailClient {

    String PROVIDER = "dimail";

    /** Every address of the domain, mailboxes and aliases ({@code GET /v2/domains/{domain}/mailboxes}). */
    List<DimailAddress> addresses(String domain);

    /** The address {@code userName@domain} in {@link #addresses}, if any (a mailbox or an alias). */
    default Optional<DimailAddress> address(String domain, String userName) {
        String email = userName + "@" + domain;
        return addresses(domain).stream().filter(a -> a.email().equalsIgnoreCase(email)).findFirst();
    }

    /**
     * Creates mailbox {@code userName@domain} ({@code POST /domains/{domain}/mailboxes/{userName}}).
     *
     * @return the new mailbox with the password Dimail generated (given this once), or empty when Dimail answered
     * 409: the mailbox already exists (its password is not given again)
     */
    Optional<CreatedMailbox> createMailbox(String domain, String userName, String givenName, String surName,
            String displayName);

    /** The aliases of the domain ({@code GET /domains/{domain}/aliases}). */
    List<DimailAlias> aliases(String domain);

    /**
     * Creates alias {@code userName@domain → destination} ({@code POST /domains/{domain}/aliases}).
     *
     * @return {@code false} when Dimail answered 409 « Alias already exists »
     */
    boolean createAlias(String domain, String userName, String destination, boolean allowToSend);

    /**
     * Suspends or reactivates a mailbox ({@code PATCH /v2/domains/{domain}/mailboxes/{userName}} with
     * {@code imap_active}). Idempotent; an unknown mailbox is a {@link ProviderRejectedException}.
     */
    void setImapActive(String domain, String userName, boolean active);

    /** Deletes a mailbox ({@code DELETE /domains/{domain}/mailboxes/{userName}}); absent counts as done. */
    void deleteMailbox(String domain, String userName);

    /**
     * Deletes alias {@code userName@domain → destination}, {@code all} for every destination
     * ({@code DELETE /domains/{domain}/aliases/{userName}/{destination}}); absent counts as done.
     */
    void deleteAlias(String domain, String userName, String destination);
}
