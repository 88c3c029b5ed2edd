package fr.beta.guichet.provider.matomo;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.provider.FakeApi;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxView;

/**
 * Matomo's HTTP API as {@link MatomoHttpClient} calls it: {@code POST …/index.php} with a form body
 * {@code module=API&method=…&format=JSON&token_auth=…}. The one behavioural model of Matomo, serving sandbox mode
 * and the tests of the live client; its sites and users are documents of the {@link SandboxStore}.
 * <p>
 * As Matomo does:
 * <ul>
 *   <li>the token is read from the POST body only (Matomo 5 "secure only" tokens), and a missing or wrong one is
 *   the anonymous user: HTTP 401 with {@code {"result":"error","message":"You can't access this resource as it
 *   requires 'superuser' access."}};</li>
 *   <li>every other error is HTTP 200 {@code {"result":"error","message":…}} with Matomo's English message (a login
 *   or an email already taken, an unknown user); scalars are answered as {@code {"value":…}};</li>
 *   <li>logins and emails are compared ignoring case (MySQL's default collation); a site URL is matched ignoring
 *   scheme, {@code www.} and a trailing slash; the same URL may be added twice (Matomo does not check);</li>
 *   <li>an invitation creates a pending user with view access on the initial site, which {@code userExists} and
 *   {@code getUserByEmail} already report;</li>
 *   <li>{@code setUserAccess} with {@code noaccess} removes the role (nothing to remove is no error);
 *   {@code deleteUser} refuses an unknown login.</li>
 * </ul>
 * The messages for an invalid login, email, URL or an unknown site id are close to Matomo's but unverified. The
 * fake starts with site {@value #SEED_SITE_ID} {@value #SEED_SITE_NAME} and one user, {@value #SEED_LOGIN},
 * admin of it.
 */
public class MatomoFakeApi implements FakeApi, SandboxView {

    public static final String API = "matomo";

    public static final int SEED_SITE_ID = 1;
    public static final String SEED_SITE_NAME = "beta.gouv.fr";
    public static final String SEED_SITE_URL = "https://beta.gouv.fr";
    public static final String SEED_LOGIN = "florian.delezenne";
    public static final String SEED_EMAIL = "florian.delezenne@beta.gouv.fr";

    /** The methods that change Matomo's state: where tests inject faults and count writes. */
    public static final Set<String> WRITE_METHODS = Set.of("SitesManager.addSite", "UsersManager.inviteUser",
            "UsersManager.setUserAccess", "UsersManager.deleteUser");

    static final String NO_SUPERUSER = "You can't access this resource as it requires 'superuser' access.";
    private static final Set<String> ACCESS_VALUES = Set.of("noaccess", "view", "write", "admin");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_.@+-]{2,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REGISTERED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private final SandboxStore store;
    private final String token;
    private final Clock clock;
    private final DateTimeFormatter shown;
    private final SandboxStore.Collection sites;
    private final SandboxStore.Collection users;
    private final SandboxStore.Collection meta;

    /**
     * @param token the {@code token_auth} this Matomo accepts (a superuser's)
     */
    public MatomoFakeApi(SandboxStore store, String token, Clock clock) {
        this.store = store;
        this.token = token;
        this.clock = clock;
        this.shown = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRENCH).withZone(clock.getZone());
        this.sites = store.collection(API, "site");
        this.users = store.collection(API, "user");
        this.meta = store.collection(API, "meta");
    }

    /** Whether a request is one of the {@link #WRITE_METHODS}. */
    public static Predicate<ProviderRequest> writes() {
        return request -> WRITE_METHODS.contains(request.form().get("method"));
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        if (!request.rawPath().endsWith("/index.php")) {
            return new ProviderResponse(404, "<html><body><h1>Not Found</h1></body></html>",
                    Map.of("Content-Type", "text/html"));
        }
        // Matomo reads the parameters from the query string and the body; a secure-only token from the body only
        Map<String, String> params = new LinkedHashMap<>(request.query());
        params.remove("token_auth");
        Map<String, String> form = "POST".equals(request.method()) ? request.form() : Map.of();
        params.putAll(form);
        String method = params.getOrDefault("method", "");
        if (!"API".equals(params.get("module"))) {
            return new ProviderResponse(200, "<html><body>Matomo</body></html>", Map.of("Content-Type", "text/html"));
        }
        if (!"json".equalsIgnoreCase(params.getOrDefault("format", ""))) {
            // Matomo's default format is XML: the client always asks for JSON
            return new ProviderResponse(200, "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<result />",
                    Map.of("Content-Type", "text/xml"));
        }
        if (token == null || token.isEmpty() || !token.equals(form.get("token_auth"))) {
            return FakeResponses.json(401, error(NO_SUPERUSER));
        }
        seed();
        return switch (method) {
            case "UsersManager.userExists" -> value(findUser(params.get("userLogin")).isPresent());
            case "UsersManager.getUser" -> findUser(params.get("userLogin")).map(u -> ok(userJson(u)))
                    .orElseGet(() -> unknownUser(params.get("userLogin")));
            case "UsersManager.getUserByEmail" -> userByEmail(params.get("userEmail")).map(u -> ok(userJson(u)))
                    .orElseGet(() -> unknownUser(params.get("userEmail")));
            case "UsersManager.getUserLoginFromUserEmail" -> userByEmail(params.get("userEmail"))
                    .map(u -> value(u.get("login").asText())).orElseGet(() -> unknownUser(params.get("userEmail")));
            case "UsersManager.getUsersLogin" -> ok(users.list().stream().map(u -> u.get("login").asText()).toList());
            case "UsersManager.inviteUser" -> inviteUser(params);
            case "UsersManager.getSitesAccessFromUser" -> sitesAccessFromUser(params.get("userLogin"));
            case "UsersManager.setUserAccess" -> setUserAccess(params);
            case "UsersManager.deleteUser" -> deleteUser(params.get("userLogin"));
            case "SitesManager.getSitesIdFromSiteUrl" -> sitesIdFromSiteUrl(params.get("url"));
            case "SitesManager.addSite" -> addSite(params);
            default -> {
                String module = method.contains(".") ? method.substring(0, method.indexOf('.')) : method;
                yield failure("The method '" + method.substring(method.indexOf('.') + 1)
                        + "' does not exist or is not available in the module '" + module + "'.");
            }
        };
    }

    // ---- methods ----

    private ProviderResponse inviteUser(Map<String, String> params) {
        String login = params.get("userLogin");
        String email = params.get("email");
        if (login == null || !LOGIN.matcher(login).matches()) {
            return failure("The login must be between 2 and 100 characters long and contain only letters, numbers, "
                    + "or the characters '_' or '-' or '.' or '@' or '+'");
        }
        if (findUser(login).isPresent()) {
            return failure("Username '" + login + "' already exists.");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            return failure("The email doesn't have a valid format.");
        }
        if (userByEmail(email).isPresent()) {
            return failure("User with email '" + email + "' already exists.");
        }
        Optional<Integer> site = intParam(params.get("initialIdSite")).filter(id -> sites.find(key(id)).isPresent());
        if (site.isEmpty()) {
            return unexpectedSite(params.get("initialIdSite"));
        }
        int days = intParam(params.get("expiryInDays")).orElse(MatomoHttpClient.INVITE_EXPIRY_DAYS);
        Instant now = clock.instant();
        ObjectNode user = JSON.createObjectNode();
        user.put("login", login);
        user.put("email", email);
        user.put("registeredAt", now.toString());
        user.put("invitedAt", now.toString());
        user.put("inviteExpiresAt", now.plus(days, ChronoUnit.DAYS).toString());
        user.putObject("access").put(Integer.toString(site.get()), "view");
        users.save(key(login), user);
        return success();
    }

    private ProviderResponse sitesAccessFromUser(String login) {
        Optional<ObjectNode> user = findUser(login);
        if (user.isEmpty()) {
            return unknownUser(login);
        }
        ArrayNode rows = JSON.createArrayNode();
        accessOf(user.get()).forEach((site, access) -> rows.addObject().put("site", Integer.toString(site))
                .put("access", access));
        return ok(rows);
    }

    private ProviderResponse setUserAccess(Map<String, String> params) {
        String access = params.getOrDefault("access", "");
        if (!ACCESS_VALUES.contains(access)) {
            return failure("The parameter access must have one of the following values: [ noaccess, view, write, "
                    + "admin ], '" + access + "' given.");
        }
        Optional<ObjectNode> user = findUser(params.get("userLogin"));
        if (user.isEmpty()) {
            return unknownUser(params.get("userLogin"));
        }
        List<Integer> ids = new ArrayList<>();
        for (String id : params.getOrDefault("idSites", "").split(",")) {
            Optional<Integer> site = intParam(id.trim());
            if (site.isEmpty()) {
                return unexpectedSite(id);
            }
            // removing a role needs no site: there is simply nothing to remove
            if (!access.equals("noaccess") && sites.find(key(site.get())).isEmpty()) {
                return unexpectedSite(id);
            }
            ids.add(site.get());
        }
        ObjectNode body = user.get();
        ObjectNode roles = body.has("access") ? (ObjectNode) body.get("access") : body.putObject("access");
        for (int id : ids) {
            if (access.equals("noaccess")) {
                roles.remove(Integer.toString(id));
            } else {
                roles.put(Integer.toString(id), access);
            }
        }
        users.save(key(body.get("login").asText()), body);
        return success();
    }

    private ProviderResponse deleteUser(String login) {
        Optional<ObjectNode> user = findUser(login);
        if (user.isEmpty()) {
            return unknownUser(login);
        }
        users.delete(key(user.get().get("login").asText()));
        return success();
    }

    private ProviderResponse sitesIdFromSiteUrl(String url) {
        String wanted = normalize(url);
        ArrayNode rows = JSON.createArrayNode();
        sitesById().stream().filter(site -> normalize(site.get("url").asText()).equals(wanted))
                .forEach(site -> rows.addObject().put("idsite", site.get("idsite").asText()));
        return ok(rows);
    }

    private ProviderResponse addSite(Map<String, String> params) {
        String name = params.get("siteName");
        String url = params.containsKey("urls[0]") ? params.get("urls[0]") : params.get("urls");
        if (name == null || name.isBlank()) {
            return failure("The website name can't be empty.");
        }
        if (!isValidUrl(url)) {
            return failure("The url '" + url + "' is not valid.");
        }
        return value(createSite(name, url));
    }

    // ---- state ----

    /** The first call on an empty store creates the seed site and user. */
    private void seed() {
        if (meta.find("seeded").isPresent()) {
            return;
        }
        meta.save("seeded", JSON.createObjectNode().put("at", clock.instant().toString()));
        int site = createSite(SEED_SITE_NAME, SEED_SITE_URL);
        ObjectNode user = JSON.createObjectNode();
        user.put("login", SEED_LOGIN);
        user.put("email", SEED_EMAIL);
        user.put("registeredAt", clock.instant().toString());
        user.putObject("access").put(Integer.toString(site), "admin");
        users.save(key(SEED_LOGIN), user);
    }

    private int createSite(String name, String url) {
        ObjectNode counter = meta.find("site-counter").orElseGet(JSON::createObjectNode);
        int id = counter.path("last").asInt(0) + 1;
        counter.put("last", id);
        meta.save("site-counter", counter);
        ObjectNode site = JSON.createObjectNode();
        site.put("idsite", id);
        site.put("name", name);
        site.put("url", url);
        site.put("createdAt", clock.instant().toString());
        sites.save(key(id), site);
        return id;
    }

    private Optional<ObjectNode> findUser(String login) {
        return login == null ? Optional.empty() : users.find(key(login));
    }

    private Optional<ObjectNode> userByEmail(String email) {
        return users.list().stream().filter(u -> email != null && u.get("email").asText().equalsIgnoreCase(email))
                .findFirst();
    }

    private List<ObjectNode> sitesById() {
        var all = new ArrayList<>(sites.list());
        all.sort(Comparator.comparingInt(s -> s.get("idsite").asInt()));
        return all;
    }

    private static Map<Integer, String> accessOf(ObjectNode user) {
        var roles = new TreeMap<Integer, String>();
        user.path("access").fields().forEachRemaining(e -> roles.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
        return roles;
    }

    private static ObjectNode userJson(ObjectNode user) {
        ObjectNode json = JSON.createObjectNode();
        json.put("login", user.get("login").asText());
        json.put("email", user.get("email").asText());
        json.put("superuser_access", "0");
        json.put("date_registered", REGISTERED.format(Instant.parse(user.get("registeredAt").asText())));
        json.put("invite_status", user.has("invitedAt") ? "pending" : "active");
        json.put("uses_2fa", false);
        return json;
    }

    // ---- what the tests and the « Bac à sable » page read ----

    /** A site of this Matomo. */
    public record Site(int id, String name, String url) {
    }

    /**
     * A user of this Matomo.
     *
     * @param pending whether the invitation has not been accepted (the fake never accepts it)
     * @param access  role ({@code view}, {@code write}, {@code admin}) per site id
     */
    public record User(String login, String email, boolean pending, Map<Integer, String> access) {

        public User {
            access = Map.copyOf(access);
        }

        public Optional<MatomoAccess> accessOn(int siteId) {
            return Optional.ofNullable(access.get(siteId)).flatMap(MatomoAccess::fromApiValue);
        }
    }

    /** Every site, by id (the seed included once the fake has been called). */
    public List<Site> sites() {
        return sitesById().stream().map(s -> new Site(s.get("idsite").asInt(), s.get("name").asText(),
                s.get("url").asText())).toList();
    }

    /** Every user, in creation order. */
    public List<User> users() {
        return users.list().stream().map(u -> new User(u.get("login").asText(), u.get("email").asText(),
                u.has("invitedAt"), accessOf(u))).toList();
    }

    /** An access level in French, for the page (Matomo's own words stay in the API's answers). */
    private static String shownAccess(String access) {
        return switch (access) {
            case "view" -> "lecture";
            case "write" -> "écriture";
            case "admin" -> "administration";
            default -> access;
        };
    }

    @Override
    public List<Table> sandboxTables() {
        store.atomically(API, () -> {
            seed();
            return null;
        });
        List<List<String>> siteRows = sites().stream()
                .map(s -> List.of(Integer.toString(s.id()), s.name(), s.url())).toList();
        List<List<String>> userRows = users.list().stream().map(u -> List.of(u.get("login").asText(),
                u.get("email").asText(),
                u.has("invitedAt") ? shown.format(Instant.parse(u.get("invitedAt").asText())) : "—",
                String.join(", ", accessOf(u).entrySet().stream().map(e -> e.getKey() + " → " + shownAccess(e.getValue()))
                        .toList()))).toList();
        return List.of(
                new Table("matomo-sites", "sandbox.matomo.sites", null,
                        List.of("sandbox.matomo.site.id", "sandbox.matomo.site.name", "sandbox.matomo.site.url"),
                        siteRows),
                new Table("matomo-users", "sandbox.matomo.users", null,
                        List.of("sandbox.matomo.user.login", "sandbox.matomo.user.email",
                                "sandbox.matomo.user.invited", "sandbox.matomo.user.access"),
                        userRows));
    }

    // ---- answers ----

    private static ProviderResponse ok(Object body) {
        return FakeResponses.json(200, body);
    }

    private static ProviderResponse value(Object value) {
        return ok(Map.of("value", value));
    }

    private static ProviderResponse success() {
        return ok(Map.of("result", "success", "message", "ok"));
    }

    private static ProviderResponse failure(String message) {
        return ok(error(message));
    }

    private static ProviderResponse unknownUser(String login) {
        return failure("User '" + login + "' doesn't exist.");
    }

    private static ProviderResponse unexpectedSite(String id) {
        return failure("An unexpected website was found in the request: website id was set to '" + id + "' .");
    }

    private static Map<String, String> error(String message) {
        var error = new LinkedHashMap<String, String>();
        error.put("result", "error");
        error.put("message", message);
        return error;
    }

    private static Optional<Integer> intParam(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String key(String login) {
        return login.toLowerCase(Locale.ROOT);
    }

    private static String key(int siteId) {
        return Integer.toString(siteId);
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
}
