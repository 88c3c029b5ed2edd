package fr.beta.guichet.provider.dimail.fake;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.provider.FakeApi;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxView;

/**
 * Dimail's HTTP API for the configured domains, as {@code DimailHttpClient} uses it, with its state in a
 * {@link SandboxStore} (collections {@code token}, {@code mailbox} by address, {@code alias} by
 * {@code address destination}): sandbox mode's Dimail and the fake of the tests.
 * <ul>
 *   <li>{@code GET /token/} with HTTP Basic (the configured account only, else 401) issues a JWT-shaped token whose
 *   payload carries {@code exp}; every other call needs {@code Authorization: Bearer} with a token it issued that has
 *   not expired (else 401 {@code {"detail":…}}). Tokens are kept in the store, so a restart keeps them valid and
 *   {@link #revokeTokens()} lets a test make the next call a 401.</li>
 *   <li>{@code POST /domains/{d}/mailboxes/{user}} creates a mailbox, 201 {@code {"email","password"}}: the
 *   password is generated, given once and never stored; 409 when the address is taken; 422 for a bad user name.
 *   A new mailbox is {@code wait} (being provisioned) for the configured delay, then {@code yes}.</li>
 *   <li>{@code GET /v2/domains/{d}/mailboxes}: mailboxes and aliases ({@code type}, {@code email},
 *   {@code imap_active}, {@code smtp_active}); {@code PATCH} on one with {@code {"imap_active":"no"|"yes"}};
 *   {@code DELETE /domains/{d}/mailboxes/{user}} (204, 404 when unknown).</li>
 *   <li>{@code GET|POST /domains/{d}/aliases} (409 « Alias already exists »),
 *   {@code DELETE /domains/{d}/aliases/{user}/{destination|all}} (204, 404 when none).</li>
 * </ul>
 * An unknown domain is a 404. It starts with the mailbox {@code contact@<first domain>}. It never injects faults:
 * tests do.
 */
public class DimailFakeApi implements FakeApi, SandboxView {

    public static final String API = "dimail";
    public static final String SEEDED_MAILBOX = "contact";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final SandboxStore store;
    private final Clock clock;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param user          the account {@code GET /token/} accepts
     * @param password      its password (a fixed, non-secret one in sandbox mode)
     * @param domains       the domains Dimail holds
     * @param waitDelay     how long a new mailbox stays {@code wait}
     * @param tokenLifetime how long an issued token is accepted
     */
    public record Settings(String user, String password, List<String> domains, Duration waitDelay,
            Duration tokenLifetime) {

        public Settings {
            domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
        }

        @Override
        public String toString() {
            return "Settings[user=" + user + ", domains=" + domains + ", waitDelay=" + waitDelay + ", tokenLifetime="
                    + tokenLifetime + "]";
        }
    }

    public DimailFakeApi(SandboxStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        seedOnce();
        List<String> segments = request.segments();
        String method = request.method();
        if (segments.equals(List.of("token"))) {
            return method.equals("GET") ? token(request) : notAllowed();
        }
        if (!authorized(request)) {
            return error(401, "Could not validate credentials");
        }
        boolean v2 = !segments.isEmpty() && segments.get(0).equals("v2");
        List<String> rest = v2 ? segments.subList(1, segments.size()) : segments;
        if (rest.size() < 3 || !rest.get(0).equals("domains")) {
            return error(404, "Not Found");
        }
        String domain = rest.get(1).toLowerCase(Locale.ROOT);
        if (!settings.domains().contains(domain)) {
            return error(404, "Domain not found");
        }
        String resource = rest.get(2);
        if (resource.equals("mailboxes")) {
            if (rest.size() == 3) {
                return v2 && method.equals("GET") ? FakeResponses.json(200, listing(domain)) : notAllowed();
            }
            if (rest.size() == 4) {
                String user = rest.get(3).toLowerCase(Locale.ROOT);
                return switch (method) {
                    case "POST" -> v2 ? notAllowed() : createMailbox(domain, user, request);
                    case "PATCH" -> v2 ? patchMailbox(domain, user, request) : notAllowed();
                    case "DELETE" -> v2 ? notAllowed() : deleteMailbox(domain, user);
                    default -> notAllowed();
                };
            }
        }
        if (resource.equals("aliases") && !v2) {
            if (rest.size() == 3) {
                return switch (method) {
                    case "GET" -> FakeResponses.json(200, aliasesOf(domain));
                    case "POST" -> createAlias(domain, request);
                    default -> notAllowed();
                };
            }
            if (rest.size() == 5 && method.equals("DELETE")) {
                return deleteAlias(domain, rest.get(3).toLowerCase(Locale.ROOT), rest.get(4));
            }
        }
        return error(404, "Not Found");
    }

    // ---- token ----

    private ProviderResponse token(ProviderRequest request) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("Authorization"))) {
            return error(401, "Incorrect username or password");
        }
        long id = store.nextNumber(API);
        Instant expiry = clock.instant().plus(settings.tokenLifetime());
        String header = base64(Map.of("alg", "HS256", "typ", "JWT"));
        String payload = base64(Map.of("sub", settings.user(), "exp", expiry.getEpochSecond(), "jti", "t" + id));
        String token = header + "." + payload + "." + base64(Map.of("sandbox", id));
        tokens().save("t" + id, JSON.createObjectNode().put("token", token).put("expiresAt", expiry.toString()));
        return FakeResponses.json(200, Map.of("access_token", token, "token_type", "bearer"));
    }

    private boolean authorized(ProviderRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String token = authorization.substring("Bearer ".length());
        Instant now = clock.instant();
        return tokens().list().stream().anyMatch(t -> t.path("token").asText().equals(token)
                && now.isBefore(Instant.parse(t.path("expiresAt").asText())));
    }

    // ---- mailboxes ----

    private ProviderResponse createMailbox(String domain, String user, ProviderRequest request) {
        if (!USER_NAME.matcher(user).matches() || user.length() > 64) {
            return validationError("user_name", "Invalid user name");
        }
        JsonNode body = parse(request.body());
        if (body == null || !body.isObject()) {
            return validationError("body", "Field required");
        }
        String email = user + "@" + domain;
        if (mailboxes().find(email).isPresent() || !aliasesFrom(email).isEmpty()) {
            return error(409, "Mailbox already exists");
        }
        Instant now = clock.instant();
        mailboxes().save(email, JSON.createObjectNode().put("email", email).put("domain", domain).put("user_name", user)
                .put("givenName", body.path("givenName").asText("")).put("surName", body.path("surName").asText(""))
                .put("displayName", body.path("displayName").asText("")).put("imap_active", "yes")
                .put("smtp_active", "yes").put("createdAt", now.toString())
                .put("readyAt", now.plus(settings.waitDelay()).toString()));
        // the password is generated here and only returned: Dimail gives it once, the fake never keeps it
        return FakeResponses.json(201, Map.of("email", email, "password", generatePassword()));
    }

    private ProviderResponse patchMailbox(String domain, String user, ProviderRequest request) {
        String email = user + "@" + domain;
        Optional<ObjectNode> mailbox = mailboxes().find(email);
        if (mailbox.isEmpty()) {
            return error(404, "Mailbox not found");
        }
        JsonNode body = parse(request.body());
        String imap = body == null ? "" : body.path("imap_active").asText("");
        if (!imap.equals("yes") && !imap.equals("no")) {
            return validationError("imap_active", "Input should be 'yes' or 'no'");
        }
        ObjectNode updated = mailbox.get().put("imap_active", imap);
        mailboxes().save(email, updated);
        return FakeResponses.json(200, entry(updated));
    }

    private ProviderResponse deleteMailbox(String domain, String user) {
        return mailboxes().delete(user + "@" + domain) ? FakeResponses.empty(204) : error(404, "Mailbox not found");
    }

    private List<ObjectNode> listing(String domain) {
        var entries = new ArrayList<ObjectNode>();
        mailboxes().list().stream().filter(m -> m.path("domain").asText().equals(domain))
                .forEach(m -> entries.add(entry(m)));
        aliasesOf(domain).stream().map(a -> a.path("username").asText() + "@" + domain).distinct()
                .forEach(email -> entries.add(JSON.createObjectNode().put("type", "alias").put("email", email)
                        .put("imap_active", "unknown").put("smtp_active", "unknown")));
        entries.sort(Comparator.comparing(e -> e.path("email").asText()));
        return entries;
    }

    /** A mailbox as the v2 list shows it: {@code wait} until provisioned, then its own state. */
    private ObjectNode entry(JsonNode mailbox) {
        boolean provisioned = !clock.instant().isBefore(Instant.parse(mailbox.path("readyAt").asText()));
        return JSON.createObjectNode().put("type", "mailbox").put("email", mailbox.path("email").asText())
                .put("imap_active", provisioned ? mailbox.path("imap_active").asText() : "wait")
                .put("smtp_active", provisioned ? mailbox.path("smtp_active").asText() : "wait");
    }

    // ---- aliases ----

    private ProviderResponse createAlias(String domain, ProviderRequest request) {
        JsonNode body = parse(request.body());
        if (body == null || !body.isObject()) {
            return validationError("body", "Field required");
        }
        String user = body.path("user_name").asText("").toLowerCase(Locale.ROOT);
        String destination = body.path("destination").asText("");
        if (!USER_NAME.matcher(user).matches()) {
            return validationError("user_name", "Invalid user name");
        }
        if (!EMAIL.matcher(destination).matches()) {
            return validationError("destination", "Invalid destination");
        }
        String id = user + "@" + domain + " " + destination.toLowerCase(Locale.ROOT);
        if (aliases().find(id).isPresent()) {
            return error(409, "Alias already exists");
        }
        ObjectNode alias = JSON.createObjectNode().put("username", user).put("domain", domain)
                .put("destination", destination).put("allow_to_send", body.path("allow_to_send").asBoolean(false));
        aliases().save(id, alias);
        return FakeResponses.json(201, alias);
    }

    private ProviderResponse deleteAlias(String domain, String user, String destination) {
        String from = user + "@" + domain;
        List<String> ids = aliasesFrom(from).stream()
                .filter(a -> destination.equals("all") || a.path("destination").asText().equalsIgnoreCase(destination))
                .map(a -> from + " " + a.path("destination").asText().toLowerCase(Locale.ROOT)).toList();
        if (ids.isEmpty()) {
            return error(404, "Alias not found");
        }
        ids.forEach(id -> aliases().delete(id));
        return FakeResponses.empty(204);
    }

    private List<ObjectNode> aliasesOf(String domain) {
        return aliases().list().stream().filter(a -> a.path("domain").asText().equals(domain))
                .sorted(Comparator.comparing(a -> a.path("username").asText())).toList();
    }

    private List<ObjectNode> aliasesFrom(String email) {
        int at = email.indexOf('@');
        String user = email.substring(0, at);
        String domain = email.substring(at + 1);
        return aliasesOf(domain).stream().filter(a -> a.path("username").asText().equals(user)).toList();
    }

    // ---- state ----

    private void seedOnce() {
        if (settings.domains().isEmpty() || store.find(API, "seed", "done").isPresent()) {
            return;
        }
        String email = SEEDED_MAILBOX + "@" + settings.domains().get(0);
        Instant created = Instant.EPOCH;
        mailboxes().save(email, JSON.createObjectNode().put("email", email).put("domain", settings.domains().get(0))
                .put("user_name", SEEDED_MAILBOX).put("givenName", "").put("surName", "").put("displayName", "Contact")
                .put("imap_active", "yes").put("smtp_active", "yes").put("createdAt", created.toString())
                .put("readyAt", created.toString()));
        store.save(API, "seed", "done", JSON.createObjectNode());
    }

    private SandboxStore.Collection tokens() {
        return store.collection(API, "token");
    }

    private SandboxStore.Collection mailboxes() {
        return store.collection(API, "mailbox");
    }

    private SandboxStore.Collection aliases() {
        return store.collection(API, "alias");
    }

    // ---- what tests and the sandbox page read ----

    /** Forgets every token issued: the next call with one is answered 401, as after an expiry or a key rotation. */
    public void revokeTokens() {
        store.atomically(API, () -> {
            store.list(API, "token").forEach(t -> store.delete(API, "token", t.id()));
            return null;
        });
    }

    /** The addresses of a domain as {@code GET /v2/domains/{d}/mailboxes} lists them. */
    public List<ObjectNode> addresses(String domain) {
        return store.atomically(API, () -> {
            seedOnce();
            return listing(domain.toLowerCase(Locale.ROOT));
        });
    }

    /** The aliases of a domain. */
    public List<ObjectNode> aliasList(String domain) {
        return store.atomically(API, () -> {
            seedOnce();
            return aliasesOf(domain.toLowerCase(Locale.ROOT));
        });
    }

    @Override
    public List<Table> sandboxTables() {
        List<List<String>> rows = new ArrayList<>();
        for (String domain : settings.domains()) {
            for (ObjectNode entry : addresses(domain)) {
                String email = entry.path("email").asText();
                String destinations = String.join(", ", aliasList(domain).stream()
                        .filter(a -> (a.path("username").asText() + "@" + domain).equals(email))
                        .map(a -> a.path("destination").asText()).toList());
                rows.add(List.of(email, entry.path("type").asText(), entry.path("imap_active").asText(), destinations));
            }
        }
        return List.of(new Table("dimail-addresses", "sandbox.dimail.addresses", String.join(", ", settings.domains()),
                List.of("sandbox.dimail.email", "sandbox.dimail.type", "sandbox.dimail.imapActive",
                        "sandbox.dimail.destinations"), rows));
    }

    // ---- answers ----

    private String generatePassword() {
        var password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static ProviderResponse error(int status, String detail) {
        return FakeResponses.json(status, Map.of("detail", detail));
    }

    /** FastAPI's 422: {@code {"detail":[{"loc":[…],"msg":…,"type":…}]}}. */
    private static ProviderResponse validationError(String field, String message) {
        return FakeResponses.json(422, Map.of("detail", List.of(Map.of("loc", List.of("body", field), "msg", message,
                "type", "value_error"))));
    }

    private static ProviderResponse notAllowed() {
        return error(405, "Method Not Allowed");
    }

    private static String base64(Object json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
