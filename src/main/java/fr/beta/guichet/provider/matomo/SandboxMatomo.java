package fr.beta.guichet.provider.matomo;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import fr.beta.guichet.provider.ProviderRejectedException;

/**
 * {@link MatomoClient} of the sandbox mode: an in-memory Matomo that refuses what Matomo refuses, with Matomo's
 * English messages (a login or an email already taken, an unknown user or site), and numbers sites from 1. It starts
 * with site {@value #SEED_SITE_ID} {@value #SEED_SITE_NAME} and one user, {@value #SEED_LOGIN}, admin of it. Every
 * write is kept as a {@link SandboxMatomoOperation}. Thread-safe.
 * <p>
 * As in Matomo: an invitation creates a pending user with view access on the initial site, which
 * {@link #userExists} and {@link #loginForEmail} already report; logins and emails are compared ignoring case
 * (MySQL's default collation); a site URL is matched ignoring scheme, {@code www.} and a trailing slash; the same URL
 * may be added twice. The messages for an invalid login, email, URL or an unknown site id are close to Matomo's but
 * unverified.
 */
public class SandboxMatomo implements MatomoClient {

    public static final int SEED_SITE_ID = 1;
    public static final String SEED_SITE_NAME = "beta.gouv.fr";
    public static final String SEED_SITE_URL = "https://beta.gouv.fr";
    public static final String SEED_LOGIN = "florian.delezenne";
    public static final String SEED_EMAIL = "florian.delezenne@beta.gouv.fr";

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_.@+-]{2,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Clock clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<Integer, MatomoSite> sites = new TreeMap<>();
    private final List<SandboxMatomoOperation> operations = new ArrayList<>();
    private int nextSiteId = SEED_SITE_ID;

    public SandboxMatomo(Clock clock) {
        this.clock = clock;
        sites.put(nextSiteId, new MatomoSite(nextSiteId, SEED_SITE_NAME, SEED_SITE_URL));
        nextSiteId++;
        var seed = new User(SEED_LOGIN, SEED_EMAIL, false);
        seed.access.put(SEED_SITE_ID, MatomoAccess.ADMIN);
        users.put(key(SEED_LOGIN), seed);
    }

    public SandboxMatomo() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized boolean userExists(String login) {
        return users.containsKey(key(login));
    }

    @Override
    public synchronized Optional<String> loginForEmail(String email) {
        return userByEmail(email).map(user -> user.login);
    }

    @Override
    public synchronized void inviteUser(String login, String email, int initialSiteId) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw rejected("The login must be between 2 and 100 characters long and contain only letters, numbers, "
                    + "or the characters '_' or '-' or '.' or '@' or '+'");
        }
        if (userExists(login)) {
            throw rejected("Username '" + login + "' already exists.");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw rejected("The email doesn't have a valid format.");
        }
        if (userByEmail(email).isPresent()) {
            throw rejected("User with email '" + email + "' already exists.");
        }
        requireSite(initialSiteId);
        var user = new User(login, email, true);
        user.access.put(initialSiteId, MatomoAccess.VIEW);
        users.put(key(login), user);
        record("inviteUser", login + " <" + email + ">, view on site " + initialSiteId + ", invitation valid "
                + MatomoHttpClient.INVITE_EXPIRY_DAYS + " days");
    }

    @Override
    public synchronized Optional<Integer> siteIdForUrl(String url) {
        String wanted = normalize(url);
        return sites.values().stream()
                .filter(site -> normalize(site.url()).equals(wanted))
                .map(MatomoSite::id)
                .findFirst();
    }

    @Override
    public synchronized int addSite(String siteName, String url) {
        if (siteName == null || siteName.isBlank()) {
            throw rejected("The website name can't be empty.");
        }
        if (!isValidUrl(url)) {
            throw rejected("The url '" + url + "' is not valid.");
        }
        int id = nextSiteId++;
        sites.put(id, new MatomoSite(id, siteName, url));
        record("addSite", "site " + id + " \"" + siteName + "\" " + url);
        return id;
    }

    @Override
    public synchronized Optional<MatomoAccess> accessOf(String login, int siteId) {
        User user = users.get(key(login));
        return user == null ? Optional.empty() : Optional.ofNullable(user.access.get(siteId));
    }

    @Override
    public synchronized void setAccess(String login, MatomoAccess access, int siteId) {
        if (access == null) {
            throw rejected("The parameter access must have one of the following values: [ noaccess, view, write, "
                    + "admin ], '' given.");
        }
        requireSite(siteId);
        User user = users.get(key(login));
        if (user == null) {
            throw rejected("User '" + login + "' doesn't exist.");
        }
        user.access.put(siteId, access);
        record("setUserAccess", login + ": " + access.apiValue() + " on site " + siteId);
    }

    /** Every user, seed first then in creation order; a read-only snapshot. */
    public synchronized List<SandboxMatomoUser> users() {
        return users.values().stream()
                .map(user -> new SandboxMatomoUser(user.login, user.email, user.pending, user.access))
                .toList();
    }

    /** Every site, ordered by id; a read-only snapshot. */
    public synchronized List<MatomoSite> sites() {
        return List.copyOf(sites.values());
    }

    /** Writes done so far, oldest first; a read-only snapshot. */
    public synchronized List<SandboxMatomoOperation> operations() {
        return List.copyOf(operations);
    }

    private Optional<User> userByEmail(String email) {
        return users.values().stream()
                .filter(user -> email != null && user.email.equalsIgnoreCase(email))
                .findFirst();
    }

    private void requireSite(int siteId) {
        if (!sites.containsKey(siteId)) {
            throw rejected("An unexpected website was found in the request: website id was set to '" + siteId
                    + "' .");
        }
    }

    private void record(String operation, String details) {
        operations.add(new SandboxMatomoOperation(clock.instant(), operation, details));
    }

    private static String key(String login) {
        return login == null ? "" : login.toLowerCase(Locale.ROOT);
    }

    private static boolean isValidUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code https://www.Example.org/} and {@code http://example.org} are the same site for Matomo. */
    private static String normalize(String url) {
        String normalized = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        normalized = normalized.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("^www\\.", "");
        return normalized.replaceAll("/+$", "");
    }

    private static ProviderRejectedException rejected(String message) {
        return new ProviderRejectedException(MatomoHttpClient.PROVIDER, message);
    }

    /** Mutable inside the sandbox's lock only; {@link #users()} hands out copies. */
    private static final class User {
        private final String login;
        private final String email;
        private final boolean pending;
        private final Map<Integer, MatomoAccess> access = new TreeMap<>();

        private User(String login, String email, boolean pending) {
            this.login = login;
            this.email = email;
            this.pending = pending;
        }
    }
}
