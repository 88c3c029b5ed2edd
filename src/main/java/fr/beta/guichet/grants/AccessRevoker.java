package fr.beta.guichet.grants;

/**
 * Takes one kind of access back at its provider (the offboarding process's port; one Spring bean per kind).
 * <p>
 * Both methods read or write the provider through its client: {@code ProviderRejectedException} for a refusal
 * (the offboarding hands the access to its group, by hand), {@code ProviderUnavailableException} for an outage
 * (the job retries, then an incident).
 */
public interface AccessRevoker {

    /** The grant kind handled: {@code mailbox}, {@code redirection}, {@code matomo}, {@code dockerhub}… */
    String kind();

    /**
     * Removes the access. Idempotent: an access already absent counts as done. May return before the provider has
     * finished (OVH works asynchronously): {@link #isGone} tells when it has.
     */
    void revoke(AccessGrant grant);

    /** Whether the provider no longer knows the access (read back after {@link #revoke}, checked before registering). */
    boolean isGone(AccessGrant grant);
}
