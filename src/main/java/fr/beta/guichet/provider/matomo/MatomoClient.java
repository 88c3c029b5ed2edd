package fr.beta.guichet.provider.matomo;

import java.util.Optional;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The Matomo instance of beta.gouv.fr: {@link MatomoHttpClient}, in both modes (in sandbox mode its requests are
 * answered by {@link MatomoFakeApi}).
 * <p>
 * Writes are not idempotent (Matomo refuses a second invitation of the same login and does not check that a site
 * URL is unique), so a delegate that may be retried reads first: {@link #userExists}, {@link #loginForEmail},
 * {@link #siteIdForUrl}, {@link #accessOf}.
 * <p>
 * Every method throws {@link ProviderRejectedException} when Matomo refuses the request as asked (a login or an
 * email already taken, an unknown site…), with Matomo's own message, and {@link ProviderUnavailableException} on
 * technical failures, a bad token or missing superuser rights included.
 */
public interface MatomoClient {

    /** Whether a user, pending invitation included, has this login ({@code UsersManager.userExists}). */
    boolean userExists(String login);

    /**
     * Login of the user, pending invitation included, with this email, if any
     * ({@code UsersManager.getUserByEmail}).
     */
    Optional<String> loginForEmail(String email);

    /**
     * Invites a user by email ({@code UsersManager.inviteUser}, Matomo 4.13 or later): Matomo creates a pending user
     * with view access on {@code initialSiteId} and emails a link, valid 7 days, where the person chooses their own
     * password. No password is generated or stored here.
     */
    void inviteUser(String login, String email, int initialSiteId);

    /**
     * Id of a site tracking {@code url} ({@code SitesManager.getSitesIdFromSiteUrl}, which ignores the scheme, a
     * leading {@code www.} and a trailing slash); the lowest one when several do.
     */
    Optional<Integer> siteIdForUrl(String url);

    /** Creates a website with one URL and returns its id ({@code SitesManager.addSite}). */
    int addSite(String siteName, String url);

    /**
     * The role of {@code login} on the site, empty when the user has none or does not exist
     * ({@code UsersManager.getSitesAccessFromUser}; a superuser has {@link MatomoAccess#ADMIN} everywhere).
     */
    Optional<MatomoAccess> accessOf(String login, int siteId);

    /** Gives {@code login} this role on the site, replacing the one it had ({@code UsersManager.setUserAccess}). */
    void setAccess(String login, MatomoAccess access, int siteId);

    /**
     * Takes every role on the site from {@code login} ({@code UsersManager.setUserAccess} with
     * {@code access=noaccess}). Idempotent: a user without access, or without an account, counts as done. Read back
     * with {@link #accessOf}.
     */
    void removeAccess(String login, int siteId);

    /**
     * Deletes the user, pending invitation included ({@code UsersManager.deleteUser}). Idempotent: an unknown login
     * counts as done. Read back with {@link #userExists}.
     */
    void deleteUser(String login);
}
