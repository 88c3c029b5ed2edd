package fr.beta.guichet.provider.ovh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.provider.FakeApi;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxView;

/**
 * A stateful fake of the OVH API v1 as {@link OvhApi}, {@link OvhDnsClient} and {@link OvhEmailClient} use it: the
 * sandbox mode's OVH, and the OVH of the tests (in process, or over HTTP). State is in the {@link SandboxStore}
 * (collections {@code zone}, {@code record}, {@code domain}, {@code account}, {@code redirection}, {@code task}).
 * <ul>
 *   <li>{@code GET /auth/time}: unauthenticated, a bare integer (the fake's clock).</li>
 *   <li>Every other call is checked like OVH checks it: {@code X-Ovh-Application} and {@code X-Ovh-Consumer} must be
 *   the configured keys (else 403 {@code Client::Forbidden}), {@code X-Ovh-Timestamp} within
 *   {@value #TIMESTAMP_WINDOW_SECONDS} s of the fake's clock and {@code X-Ovh-Signature} the
 *   {@link OvhSignature} of the exact URL and body (else 400 {@code INVALID_SIGNATURE}). Shapes of OVH's
 *   credential errors come from third-party test fixtures, unverified live.</li>
 *   <li>DNS ({@code /domain/zone/{zone}/…}): record ids listed with the {@code fieldType} and {@code subDomain}
 *   filters, read, created (incrementing ids; a CNAME never shares its name, 409), deleted; {@code /refresh} counted.
 *   Only the configured zones exist (404 otherwise); each starts with a few records so that a taken name can be
 *   shown.</li>
 *   <li>Email MX Plan ({@code /email/domain/{domain}/…}): writes are asynchronous like OVH's. A mailbox or
 *   redirection creation, or a deletion, answers its task; the mailbox or redirection appears (or goes) once
 *   {@code emailDelay} has passed, and until then the task is listed by {@code /task/account} or
 *   {@code /task/redirection}. A second write on a mailbox with a task running is OVH's {@code 409} "This pop is
 *   already being processed" (ActionInProgress). Mailbox {@code contact} and redirection {@code bonjour@ →
 *   contact@} exist from the start.</li>
 * </ul>
 * A mailbox password is checked against OVH's rule, then forgotten: nothing kept or answered contains it.
 * <p>
 * OVH's exact texts for duplicates and conflicts are undocumented: 409 {@code Client::Conflict} is
 * the likely shape. Which field of a redirection task names it ({@code account}) and what it holds (the redirected
 * address) are unverified too.
 */
public class OvhFakeApi implements FakeApi, SandboxView {

    public static final String API = "ovh";
    /** How far a request's timestamp may be from OVH's clock (OVH's own window is undocumented). */
    static final long TIMESTAMP_WINDOW_SECONDS = 30;

    /** OVH dates carry the Paris offset, e.g. {@code 2026-03-02T11:15:30+01:00}. */
    private static final ZoneId OVH_ZONE = ZoneId.of("Europe/Paris");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long FIRST_RECORD_ID = 5_000_000_000L;
    private static final long FIRST_TASK_ID = 180_000_000L;
    private static final long FIRST_REDIRECTION_ID = 7_000_000L;

    /**
     * What the fake is configured with.
     *
     * @param applicationKey    the only application key accepted
     * @param applicationSecret the secret the signatures are checked with
     * @param consumerKey       the only consumer key accepted
     * @param zones             the DNS zones that exist
     * @param emailDomains      the MX Plan domains that exist
     * @param emailDelay        how long a mailbox or redirection task takes to run
     */
    public record Settings(String applicationKey, String applicationSecret, String consumerKey, List<String> zones,
            List<String> emailDomains, Duration emailDelay) {

        public Settings {
            Objects.requireNonNull(applicationKey, "applicationKey");
            Objects.requireNonNull(applicationSecret, "applicationSecret");
            Objects.requireNonNull(consumerKey, "consumerKey");
            zones = zones.stream().map(OvhFakeApi::key).distinct().toList();
            emailDomains = emailDomains.stream().map(OvhFakeApi::key).distinct().toList();
            if (emailDelay == null || emailDelay.isNegative()) {
                throw new IllegalArgumentException("emailDelay must be zero or positive");
            }
        }

        /** Credentials never printed. */
        @Override
        public String toString() {
            return "Settings[zones=" + zones + ", emailDomains=" + emailDomains + ", emailDelay=" + emailDelay + "]";
        }
    }

    private final SandboxStore store;
    private final Clock clock;
    private final Settings settings;

    public OvhFakeApi(SandboxStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String api() {
        return API;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        List<String> path = apiPath(request);
        if (path.equals(List.of("auth", "time")) && request.method().equals("GET")) {
            return FakeResponses.json(200, now().getEpochSecond());
        }
        Optional<ProviderResponse> refused = authenticationFailure(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            if (path.size() >= 3 && path.get(0).equals("domain") && path.get(1).equals("zone")) {
                return dns(request, key(path.get(2)), path.subList(3, path.size()));
            }
            if (path.size() >= 3 && path.get(0).equals("email") && path.get(1).equals("domain")) {
                return email(request, key(path.get(2)), path.subList(3, path.size()));
            }
            return noRoute(request);
        } catch (OvhError e) {
            return e.response();
        }
    }

    // ---- authentication -----------------------------------------------------------------------------------------

    /**
     * Why OVH would refuse this call's credentials, or empty when keys, timestamp and signature are right. Public so
     * that tests can check every call a client made, whatever answered it.
     */
    public Optional<ProviderResponse> authenticationFailure(ProviderRequest request) {
        if (!settings.applicationKey().equals(request.header("X-Ovh-Application"))) {
            return Optional.of(error(403, "Client::Forbidden", "INVALID_KEY", "Invalid application key"));
        }
        if (!settings.consumerKey().equals(request.header("X-Ovh-Consumer"))) {
            return Optional.of(error(403, "Client::Forbidden", "INVALID_CREDENTIAL", "This credential does not exist"));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(String.valueOf(request.header("X-Ovh-Timestamp")).trim());
        } catch (NumberFormatException e) {
            return Optional.of(error(400, "Client::Forbidden", "INVALID_SIGNATURE", "Invalid timestamp"));
        }
        if (Math.abs(timestamp - now().getEpochSecond()) > TIMESTAMP_WINDOW_SECONDS) {
            return Optional.of(error(400, "Client::Forbidden", "INVALID_SIGNATURE", "Query out of time"));
        }
        String expected = OvhSignature.sign(settings.applicationSecret(), settings.consumerKey(), request.method(),
                request.url(), request.body(), timestamp);
        if (!expected.equals(request.header("X-Ovh-Signature"))) {
            return Optional.of(error(400, "Client::Forbidden", "INVALID_SIGNATURE", "Invalid signature"));
        }
        return Optional.empty();
    }

    // ---- DNS ----------------------------------------------------------------------------------------------------

    private ProviderResponse dns(ProviderRequest request, String zone, List<String> rest) {
        ensureZone(zone);
        String method = request.method();
        if (rest.equals(List.of("record")) && method.equals("GET")) {
            String fieldType = request.query().get("fieldType");
            String subDomain = request.query().get("subDomain");
            return FakeResponses.json(200, records(zone).stream()
                    .filter(r -> fieldType == null || r.path("fieldType").asText().equals(fieldType))
                    .filter(r -> subDomain == null || matches(r.path("subDomain").asText(), subDomain))
                    .map(r -> r.path("id").asLong()).toList());
        }
        if (rest.equals(List.of("record")) && method.equals("POST")) {
            return createRecord(zone, body(request));
        }
        if (rest.size() == 2 && rest.get(0).equals("record")) {
            Optional<ObjectNode> record = record(zone, rest.get(1));
            if (record.isEmpty()) {
                throw new OvhError(error(404, "Client::NotFound", null, "The requested object (id = " + rest.get(1)
                        + ") does not exist"));
            }
            if (method.equals("GET")) {
                return FakeResponses.json(200, record.get());
            }
            if (method.equals("DELETE")) {
                store.collection(API, "record").delete(record.get().path("id").asText());
                return FakeResponses.json(200, NullNode.getInstance());
            }
        }
        if (rest.equals(List.of("refresh")) && method.equals("POST")) {
            var zones = store.collection(API, "zone");
            ObjectNode doc = zones.find(zone).orElseThrow();
            doc.put("refreshes", doc.path("refreshes").asInt() + 1);
            doc.put("lastRefresh", now().toString());
            zones.save(zone, doc);
            return FakeResponses.json(200, NullNode.getInstance());
        }
        return noRoute(request);
    }

    /**
     * OVH's {@code subDomain} filter, documented as "like": {@code %} stands for any text, case is ignored; without
     * {@code %} it is an exact name (which the clients rely on for the apex, an empty filter).
     */
    private static boolean matches(String subDomain, String filter) {
        if (!filter.contains("%")) {
            return subDomain.equalsIgnoreCase(filter);
        }
        String regex = java.util.Arrays.stream(filter.split("%", -1)).map(java.util.regex.Pattern::quote)
                .collect(Collectors.joining(".*"));
        return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(subDomain).matches();
    }

    private ProviderResponse createRecord(String zone, JsonNode body) {
        String fieldType = body.path("fieldType").asText("");
        String target = body.path("target").asText("");
        if (fieldType.isEmpty() || target.isBlank()) {
            throw new OvhError(error(400, "Client::BadRequest", null, "fieldType and target are required"));
        }
        if (!knownType(fieldType)) {
            throw new OvhError(error(400, "Client::BadRequest", null, "Invalid value " + fieldType
                    + " for argument fieldType"));
        }
        String subDomain = body.path("subDomain").asText("");
        List<ObjectNode> sameName = records(zone).stream()
                .filter(r -> r.path("subDomain").asText().equalsIgnoreCase(subDomain)).toList();
        boolean cname = fieldType.equals("CNAME");
        if (cname && !sameName.isEmpty()
                || sameName.stream().anyMatch(r -> r.path("fieldType").asText().equals("CNAME"))) {
            throw new OvhError(error(409, "Client::Conflict", null,
                    "a CNAME record cannot coexist with other records on " + fqdn(zone, subDomain)));
        }
        long id = FIRST_RECORD_ID + store.nextNumber(API);
        ObjectNode record = NODES.objectNode().put("id", id).put("zone", zone).put("subDomain", subDomain)
                .put("fieldType", fieldType).put("target", target).put("ttl", body.path("ttl").asInt(0));
        store.collection(API, "record").save(Long.toString(id), record);
        return FakeResponses.json(200, record);
    }

    private static boolean knownType(String fieldType) {
        return EnumSet.allOf(DnsRecordType.class).stream().anyMatch(t -> t.name().equals(fieldType));
    }

    private List<ObjectNode> records(String zone) {
        return store.collection(API, "record").list().stream()
                .filter(r -> r.path("zone").asText().equals(zone))
                .sorted(Comparator.comparingLong(r -> r.path("id").asLong()))
                .toList();
    }

    private Optional<ObjectNode> record(String zone, String id) {
        return store.collection(API, "record").find(id).filter(r -> r.path("zone").asText().equals(zone));
    }

    /** A configured zone is created, with its seed records, on first use; any other zone does not exist. */
    private void ensureZone(String zone) {
        if (!settings.zones().contains(zone)) {
            throw new OvhError(notFound());
        }
        var zones = store.collection(API, "zone");
        if (zones.find(zone).isPresent()) {
            return;
        }
        zones.save(zone, NODES.objectNode().put("name", zone).put("refreshes", 0));
        seedRecord(zone, "", "NS", "dns10.ovh.net.");
        seedRecord(zone, "", "NS", "ns10.ovh.net.");
        seedRecord(zone, "www", "CNAME", zone.replace('.', '-') + ".osc-fr1.scalingo.io.");
        seedRecord(zone, "api", "A", "192.0.2.10");
        seedRecord(zone, "doc", "CNAME", "betagouv.gitbook.io.");
        seedRecord(zone, "_dmarc", "TXT", "\"v=DMARC1; p=none\"");
    }

    private void seedRecord(String zone, String subDomain, String type, String target) {
        long id = FIRST_RECORD_ID + store.nextNumber(API);
        store.collection(API, "record").save(Long.toString(id), NODES.objectNode().put("id", id).put("zone", zone)
                .put("subDomain", subDomain).put("fieldType", type).put("target", target).put("ttl", 3600));
    }

    // ---- email --------------------------------------------------------------------------------------------------

    private ProviderResponse email(ProviderRequest request, String domain, List<String> rest) {
        ensureDomain(domain);
        runDueTasks();
        String method = request.method();
        String resource = rest.isEmpty() ? "" : rest.get(0);
        if (resource.equals("account")) {
            if (rest.size() == 1 && method.equals("GET")) {
                String filter = request.query().get("accountName");
                return FakeResponses.json(200, accounts(domain).stream().filter(this::visible)
                        .map(a -> a.path("accountName").asText())
                        .filter(name -> filter == null || name.equalsIgnoreCase(filter)).toList());
            }
            if (rest.size() == 1 && method.equals("POST")) {
                return createAccount(domain, body(request));
            }
            if (rest.size() == 2) {
                return account(request, domain, key(rest.get(1)));
            }
        }
        if (resource.equals("redirection")) {
            if (rest.size() == 1 && method.equals("GET")) {
                String from = request.query().get("from");
                String to = request.query().get("to");
                return FakeResponses.json(200, redirections(domain).stream().filter(this::visible)
                        .filter(r -> from == null || r.path("from").asText().equalsIgnoreCase(from))
                        .filter(r -> to == null || r.path("to").asText().equalsIgnoreCase(to))
                        .map(r -> r.path("id").asText()).toList());
            }
            if (rest.size() == 1 && method.equals("POST")) {
                return createRedirection(domain, body(request));
            }
            if (rest.size() == 2) {
                return redirection(request, domain, rest.get(1));
            }
        }
        if (resource.equals("task") && rest.size() >= 2 && method.equals("GET")) {
            String kind = rest.get(1);
            if (!kind.equals("account") && !kind.equals("redirection")) {
                return noRoute(request);
            }
            List<ObjectNode> pending = pendingTasks(domain, kind);
            if (rest.size() == 2) {
                String filter = kind.equals("account") ? request.query().get("name") : request.query().get("account");
                String field = kind.equals("account") ? "name" : "account";
                return FakeResponses.json(200, pending.stream()
                        .filter(t -> filter == null || t.path(field).asText().equalsIgnoreCase(filter))
                        .map(t -> t.path("id").asLong()).toList());
            }
            if (rest.size() == 3) {
                return pending.stream().filter(t -> t.path("id").asText().equals(rest.get(2))).findFirst()
                        .map(t -> FakeResponses.json(200, taskAnswer(t)))
                        .orElseGet(() -> error(404, "Client::NotFound", null, "The requested object (id = "
                                + rest.get(2) + ") does not exist"));
            }
        }
        return noRoute(request);
    }

    private ProviderResponse account(ProviderRequest request, String domain, String name) {
        Optional<ObjectNode> account = store.collection(API, "account").find(accountId(domain, name));
        if (account.isEmpty() || !visible(account.get())) {
            if (account.isPresent() && request.method().equals("DELETE")) {
                throw actionInProgress(domain, name);
            }
            throw new OvhError(notFound());
        }
        if (request.method().equals("GET")) {
            return FakeResponses.json(200, accountAnswer(account.get()));
        }
        if (request.method().equals("DELETE")) {
            if (taskRunning(account.get())) {
                throw actionInProgress(domain, name);
            }
            ObjectNode task = newTask(domain, "account", "delete", name);
            ObjectNode changed = account.get();
            changed.put("goneAt", task.path("doneAt").asText()).put("taskId", task.path("id").asLong());
            store.collection(API, "account").save(accountId(domain, name), changed);
            return FakeResponses.json(200, taskAnswer(task));
        }
        return noRoute(request);
    }

    private ProviderResponse createAccount(String domain, JsonNode body) {
        String name = key(body.path("accountName").asText(""));
        String password = body.path("password").isTextual() ? body.get("password").asText() : null;
        if (name.isEmpty() || name.contains("@") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new OvhError(error(400, "Client::BadRequest", null, "Invalid account name"));
        }
        if (!validPassword(password)) {
            throw new OvhError(error(400, "Client::BadRequest", null, "Invalid password: it must be 9 to 30 "
                    + "characters long, without accents, and must not start or end with a space"));
        }
        Optional<ObjectNode> existing = store.collection(API, "account").find(accountId(domain, name));
        if (existing.isPresent() && visible(existing.get()) && !taskRunning(existing.get())) {
            throw new OvhError(error(409, "Client::Conflict", null, "Account " + name + "@" + domain
                    + " already exists"));
        }
        if (existing.isPresent()) {
            throw actionInProgress(domain, name);
        }
        String description = body.path("description").asText("");
        description = description.replace(password, OvhApi.MASK);
        ObjectNode task = newTask(domain, "account", "addAccount", name);
        ObjectNode account = NODES.objectNode().put("accountName", name).put("domain", domain)
                .put("email", name + "@" + domain).put("description", description).put("isBlocked", false)
                .put("size", body.path("size").asLong(EmailDomainClient.DEFAULT_ACCOUNT_SIZE)).put("passwordSet", true)
                .put("readyAt", task.path("doneAt").asText()).put("taskId", task.path("id").asLong());
        store.collection(API, "account").save(accountId(domain, name), account);
        return FakeResponses.json(200, taskAnswer(task));
    }

    private ProviderResponse redirection(ProviderRequest request, String domain, String id) {
        Optional<ObjectNode> redirection = store.collection(API, "redirection").find(id)
                .filter(r -> r.path("domain").asText().equals(domain)).filter(this::visible);
        if (redirection.isEmpty()) {
            throw new OvhError(notFound());
        }
        if (request.method().equals("GET")) {
            ObjectNode r = redirection.get();
            return FakeResponses.json(200, NODES.objectNode().put("id", r.path("id").asText())
                    .put("from", r.path("from").asText()).put("to", r.path("to").asText()));
        }
        if (request.method().equals("DELETE")) {
            ObjectNode r = redirection.get();
            if (taskRunning(r)) {
                throw new OvhError(error(409, "Client::Conflict::ActionInProgress", null, "This redirection is "
                        + "already being processed: " + r.path("from").asText() + ", please try later"));
            }
            ObjectNode task = newTask(domain, "redirection", "delete", r.path("from").asText());
            r.put("goneAt", task.path("doneAt").asText()).put("taskId", task.path("id").asLong());
            store.collection(API, "redirection").save(id, r);
            return FakeResponses.json(200, taskAnswer(task));
        }
        return noRoute(request);
    }

    private ProviderResponse createRedirection(String domain, JsonNode body) {
        String from = key(body.path("from").asText(""));
        String to = key(body.path("to").asText(""));
        String suffix = "@" + domain;
        if (!from.endsWith(suffix) || from.length() == suffix.length()) {
            throw new OvhError(error(400, "Client::BadRequest", null, "from must be an address of " + domain));
        }
        if (to.isBlank() || !to.contains("@")) {
            throw new OvhError(error(400, "Client::BadRequest", null, "to must be an email address"));
        }
        boolean duplicate = redirections(domain).stream().filter(r -> !r.has("goneAt"))
                .anyMatch(r -> r.path("from").asText().equals(from) && r.path("to").asText().equals(to));
        if (duplicate) {
            throw new OvhError(error(409, "Client::Conflict", null, "A redirection from " + from + " to " + to
                    + " already exists"));
        }
        String accountName = from.substring(0, from.length() - suffix.length());
        boolean localCopy = body.path("localCopy").asBoolean(false);
        if (localCopy && store.collection(API, "account").find(accountId(domain, accountName))
                .filter(this::visible).isEmpty()) {
            throw new OvhError(error(400, "Client::BadRequest", null, "localCopy needs the account " + from
                    + " to exist"));
        }
        ObjectNode task = newTask(domain, "redirection", "add", from);
        String id = Long.toString(FIRST_REDIRECTION_ID + store.nextNumber(API));
        store.collection(API, "redirection").save(id, NODES.objectNode().put("id", id).put("domain", domain)
                .put("from", from).put("to", to).put("localCopy", localCopy)
                .put("readyAt", task.path("doneAt").asText()).put("taskId", task.path("id").asLong()));
        return FakeResponses.json(200, taskAnswer(task));
    }

    private ObjectNode newTask(String domain, String kind, String action, String name) {
        long id = FIRST_TASK_ID + store.nextNumber(API);
        Instant now = now();
        ObjectNode task = NODES.objectNode().put("id", id).put("kind", kind).put("action", action)
                .put("date", ovhDate(now)).put("domain", domain).put(kind.equals("account") ? "name" : "account", name)
                .put("doneAt", now.plus(settings.emailDelay()).toString()).put("done", false);
        store.collection(API, "task").save(Long.toString(id), task);
        return task;
    }

    /** A task as OVH answers it: {@code TaskPop} for mailboxes, {@code TaskSpecialAccount} for redirections. */
    private static ObjectNode taskAnswer(ObjectNode task) {
        ObjectNode answer = NODES.objectNode().put("id", task.path("id").asLong())
                .put("action", task.path("action").asText()).put("date", task.path("date").asText())
                .put("domain", task.path("domain").asText());
        if (task.path("kind").asText().equals("account")) {
            answer.put("name", task.path("name").asText());
        } else {
            answer.put("account", task.path("account").asText()).put("type", "forward");
        }
        return answer;
    }

    private static ObjectNode accountAnswer(ObjectNode account) {
        return NODES.objectNode().put("accountName", account.path("accountName").asText())
                .put("description", account.path("description").asText())
                .put("domain", account.path("domain").asText()).put("email", account.path("email").asText())
                .put("isBlocked", account.path("isBlocked").asBoolean()).put("size", account.path("size").asLong());
    }

    /**
     * OVH runs the email tasks whose time has come: marks them done and removes what a deletion task deleted. Called
     * on every email call (the fake has no scheduler).
     */
    private void runDueTasks() {
        Instant now = now();
        var tasks = store.collection(API, "task");
        for (ObjectNode task : tasks.list()) {
            if (!task.path("done").asBoolean() && !now.isBefore(Instant.parse(task.path("doneAt").asText()))) {
                tasks.save(task.path("id").asText(), task.put("done", true));
            }
        }
        for (String collection : List.of("account", "redirection")) {
            var resources = store.collection(API, collection);
            for (var doc : resources.documents()) {
                if (doc.body().has("goneAt") && !now.isBefore(Instant.parse(doc.body().path("goneAt").asText()))) {
                    resources.delete(doc.id());
                }
            }
        }
    }

    /**
     * Every email task still running now counts as done, as if OVH had just got to them: tests use it to end the
     * wait without moving a clock.
     */
    public void runPendingTasks() {
        store.atomically(API, () -> {
            String now = now().toString();
            for (String collection : List.of("task", "account", "redirection")) {
                var docs = store.collection(API, collection);
                for (var doc : docs.documents()) {
                    ObjectNode body = doc.body();
                    for (String field : List.of("doneAt", "readyAt", "goneAt")) {
                        if (body.has(field) && Instant.parse(body.get(field).asText()).isAfter(now())) {
                            body.put(field, now);
                        }
                    }
                    docs.save(doc.id(), body);
                }
            }
            runDueTasks();
            return null;
        });
    }

    private List<ObjectNode> pendingTasks(String domain, String kind) {
        return store.collection(API, "task").list().stream()
                .filter(t -> t.path("domain").asText().equals(domain) && t.path("kind").asText().equals(kind))
                .filter(t -> !t.path("done").asBoolean())
                .toList();
    }

    private List<ObjectNode> accounts(String domain) {
        return store.collection(API, "account").list().stream()
                .filter(a -> a.path("domain").asText().equals(domain)).toList();
    }

    private List<ObjectNode> redirections(String domain) {
        return store.collection(API, "redirection").list().stream()
                .filter(r -> r.path("domain").asText().equals(domain)).toList();
    }

    /** Created by now (its creation task has run); still there while its deletion task runs. */
    private boolean visible(ObjectNode resource) {
        return !now().isBefore(Instant.parse(resource.path("readyAt").asText(Instant.EPOCH.toString())));
    }

    /** A creation or deletion task is still running on this mailbox or redirection. */
    private boolean taskRunning(ObjectNode resource) {
        return !visible(resource) || resource.has("goneAt");
    }

    private void ensureDomain(String domain) {
        if (!settings.emailDomains().contains(domain)) {
            throw new OvhError(notFound());
        }
        var domains = store.collection(API, "domain");
        if (domains.find(domain).isPresent()) {
            return;
        }
        domains.save(domain, NODES.objectNode().put("name", domain));
        store.collection(API, "account").save(accountId(domain, "contact"), NODES.objectNode()
                .put("accountName", "contact").put("domain", domain).put("email", "contact@" + domain)
                .put("description", "Contact " + domain).put("isBlocked", false)
                .put("size", EmailDomainClient.DEFAULT_ACCOUNT_SIZE).put("passwordSet", true));
        String id = Long.toString(FIRST_REDIRECTION_ID + store.nextNumber(API));
        store.collection(API, "redirection").save(id, NODES.objectNode().put("id", id).put("domain", domain)
                .put("from", "bonjour@" + domain).put("to", "contact@" + domain).put("localCopy", false));
    }

    private static String accountId(String domain, String name) {
        return domain + "/" + key(name);
    }

    /**
     * OVH's rule for mailbox passwords (per {@code changePassword}): 9 to 30 characters, no leading or trailing
     * space, no accents. "No accents" is read as printable ASCII only, which also refuses other non-ASCII
     * characters OVH might accept (unverified).
     */
    static boolean validPassword(String password) {
        return password != null
                && password.length() >= 9 && password.length() <= 30
                && !Character.isWhitespace(password.charAt(0))
                && !Character.isWhitespace(password.charAt(password.length() - 1))
                && password.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    // ---- the « Bac à sable » page -------------------------------------------------------------------------------

    @Override
    public List<Table> sandboxTables() {
        return store.atomically(API, () -> {
            var tables = new ArrayList<Table>();
            for (String zone : settings.zones()) {
                ensureZone(zone);
                tables.add(new Table("ovh-dns-" + zone, "sandbox.ovh.records", zone,
                        List.of("sandbox.ovh.record.name", "sandbox.ovh.record.type", "sandbox.ovh.record.target",
                                "sandbox.ovh.record.ttl", "sandbox.ovh.record.id"),
                        records(zone).stream().map(r -> List.of(r.path("subDomain").asText(),
                                r.path("fieldType").asText(), r.path("target").asText(), r.path("ttl").asText(),
                                r.path("id").asText())).toList()));
                ObjectNode doc = store.collection(API, "zone").find(zone).orElseThrow();
                tables.add(new Table("ovh-refresh-" + zone, "sandbox.ovh.refreshes", zone,
                        List.of("sandbox.ovh.refresh.count", "sandbox.ovh.refresh.last"),
                        List.of(List.of(doc.path("refreshes").asText("0"), doc.has("lastRefresh")
                                ? SHOWN.format(Instant.parse(doc.path("lastRefresh").asText())) : "—"))));
            }
            for (String domain : settings.emailDomains()) {
                ensureDomain(domain);
                runDueTasks();
                Map<Long, ObjectNode> tasks = store.collection(API, "task").list().stream()
                        .collect(Collectors.toMap(t -> t.path("id").asLong(), t -> t, (a, b) -> a, LinkedHashMap::new));
                tables.add(new Table("ovh-accounts-" + domain, "sandbox.ovh.accounts", domain,
                        List.of("sandbox.ovh.account.email", "sandbox.ovh.account.description",
                                "sandbox.ovh.task.running"),
                        accounts(domain).stream().map(a -> List.of(a.path("email").asText(),
                                a.path("description").asText(), runningTask(a, tasks))).toList()));
                tables.add(new Table("ovh-redirections-" + domain, "sandbox.ovh.redirections", domain,
                        List.of("sandbox.ovh.redirection.from", "sandbox.ovh.redirection.to",
                                "sandbox.ovh.task.running"),
                        redirections(domain).stream().map(r -> List.of(r.path("from").asText(),
                                r.path("to").asText(), runningTask(r, tasks))).toList()));
                List<ObjectNode> newestFirst = new ArrayList<>(tasks.values().stream()
                        .filter(t -> t.path("domain").asText().equals(domain)).toList());
                java.util.Collections.reverse(newestFirst);
                tables.add(new Table("ovh-tasks-" + domain, "sandbox.ovh.tasks", domain,
                        List.of("sandbox.ovh.task.id", "sandbox.ovh.task.action", "sandbox.ovh.task.name",
                                "sandbox.ovh.task.date", "sandbox.ovh.task.doneAt"),
                        newestFirst.stream().map(t -> List.of(t.path("id").asText(),
                                shownAction(t.path("kind").asText(), t.path("action").asText()),
                                t.path(t.path("kind").asText().equals("account") ? "name" : "account").asText(),
                                SHOWN.format(OffsetDateTime.parse(t.path("date").asText())),
                                SHOWN.format(Instant.parse(t.path("doneAt").asText()))))
                                .toList()));
            }
            return tables;
        });
    }

    private String runningTask(ObjectNode resource, Map<Long, ObjectNode> tasks) {
        if (!taskRunning(resource) || !resource.has("taskId")) {
            return "";
        }
        ObjectNode task = tasks.get(resource.path("taskId").asLong());
        return task == null ? "" : shownAction(task.path("kind").asText(), task.path("action").asText()) + " n° "
                + task.path("id").asText();
    }

    /** The page's dates: Paris time, as the rest of the app shows them. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    /** A task's kind and action in French, for the page (OVH's own words stay in the API's answers). */
    private static String shownAction(String kind, String action) {
        String what = switch (action) {
            case "create", "add", "addAccount" -> "création";
            case "delete" -> "suppression";
            case "changePassword" -> "changement de mot de passe";
            case "update" -> "modification";
            default -> action;
        };
        return what + (kind.equals("account") ? " de boîte" : kind.equals("redirection") ? " de redirection" : "");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Instant now() {
        return clock.instant();
    }

    /** The path below the API root ({@code /1.0} or whatever the endpoint's prefix is), decoded. */
    private static List<String> apiPath(ProviderRequest request) {
        List<String> segments = request.segments();
        int version = segments.indexOf("1.0");
        return version < 0 ? segments : segments.subList(version + 1, segments.size());
    }

    private static JsonNode body(ProviderRequest request) {
        if (request.body().isBlank()) {
            return NODES.objectNode();
        }
        try {
            return JSON.readTree(request.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OvhError(error(400, "Client::BadRequest", null, "Invalid JSON body"));
        }
    }

    private static ProviderResponse noRoute(ProviderRequest request) {
        return error(404, "Client::NotFound", null, "Got an invalid (or empty) URL: " + request.method() + " "
                + request.rawPath());
    }

    private static ProviderResponse notFound() {
        return error(404, "Client::NotFound", null, "This service does not exist");
    }

    private static OvhError actionInProgress(String domain, String name) {
        return new OvhError(error(409, "Client::Conflict::ActionInProgress", null, "This pop is already being "
                + "processed: " + name + "@" + domain + ", please try later"));
    }

    /** OVH's error body {@code {"class","errorCode"?,"message"}} with a query id header. */
    static ProviderResponse error(int status, String errorClass, String errorCode, String message) {
        ObjectNode body = NODES.objectNode().put("class", errorClass);
        if (errorCode != null) {
            body.put("errorCode", errorCode);
        }
        body.put("message", message);
        return FakeResponses.json(status, body, Map.of("X-Ovh-QueryID", "EU.ext-sandbox"));
    }

    private static String ovhDate(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), OVH_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String fqdn(String zone, String subDomain) {
        return subDomain.isEmpty() ? zone : subDomain + "." + zone;
    }

    static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    /** An OVH error answer, thrown out of a handler. */
    private static final class OvhError extends RuntimeException {
        private final transient ProviderResponse response;

        OvhError(ProviderResponse response) {
            super(null, null, false, false);
            this.response = response;
        }

        ProviderResponse response() {
            return response;
        }
    }
}
