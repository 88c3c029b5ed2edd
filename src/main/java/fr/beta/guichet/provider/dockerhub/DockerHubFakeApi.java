package fr.beta.guichet.provider.dockerhub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * The Docker Hub API v2 of one organization, as {@link DockerHubApi} and {@link DockerHubApiClient} call it: the one
 * behavioural model of Docker Hub, serving sandbox mode and the tests of the live client; teams ("groups"),
 * organization members and pending invitations are documents of the {@link SandboxStore}.
 * <ul>
 *   <li>{@code POST /v2/auth/token} exchanges the identifier and secret it was given for a bearer token valid
 *   10 minutes (401 {@code {"detail":"Incorrect authentication credentials"}} otherwise); every other call needs a
 *   valid, unexpired one (401 {@code {"errinfo":null,"message":"unauthorized"}}). Tokens are signed, not stored, so
 *   they survive a restart and are accepted by every node without any credential in the database.</li>
 *   <li>Groups: {@code GET /v2/orgs/{org}/groups}, {@code GET …/groups/{group}}, members paginated
 *   ({@code search}, {@code page}, {@code page_size}, {@code {count,next,previous,results}}), {@code POST
 *   …/members} {@code {"member":…}} (200 without a body), {@code DELETE …/members/{username}} (204).</li>
 *   <li>Organization members: {@code GET /v2/orgs/{org}/members}, paginated the same way.</li>
 *   <li>Invitations: {@code GET /v2/orgs/{org}/invites} ({@code {"data":[…]}}), {@code POST /v2/invites/bulk} (202,
 *   a status per invitee: {@code invited}, {@code existing_org_member}, {@code invalid_email_or_docker_id}),
 *   {@code DELETE /v2/invites/{id}} (204).</li>
 *   <li>Errors are {@code {"errinfo":…,"message":…}}; another organization than the configured one is 403
 *   {@code permission denied}; unknown paths 404 {@code not found}.</li>
 * </ul>
 * Unverified, kept as the client expects them: adding someone who is not in the organization to a group answers
 * 400 {@code user … is not a member of organization …} (the client then invites); removing a non-member answers 404
 * {@code member not found}; inviting someone already invited to the same team answers {@code invited} with the
 * existing invitation (nothing is sent twice). The fake knows no user directory: any well-formed Docker ID (4 to 30
 * lowercase letters or digits, case ignored) or email exists. It starts with teams {@code owners} (florian) and
 * {@code developers} (totakoko), both organization members.
 */
public class DockerHubFakeApi implements FakeApi, SandboxView {

    public static final String API = "dockerhub";

    /** The seed: team → members (all of them organization members). */
    public static final Map<String, List<String>> SEED_TEAMS = Map.of("owners", List.of("florian"),
            "developers", List.of("totakoko"));

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;
    private static final String TOKEN_PREFIX = "sbx";
    private static final Pattern DOCKER_ID = Pattern.compile("[a-z0-9]{4,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> ROLES = Set.of("member", "editor", "owner");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxStore store;
    private final String organization;
    private final String identifier;
    private final String secret;
    private final Clock clock;
    private final DateTimeFormatter shown;
    private final SandboxStore.Collection groups;
    private final SandboxStore.Collection members;
    private final SandboxStore.Collection invites;
    private final SandboxStore.Collection meta;

    /**
     * @param organization the organization this Docker Hub holds (from configuration)
     * @param identifier   the account whose access token it accepts at {@code /v2/auth/token}
     * @param secret       that access token
     */
    public DockerHubFakeApi(SandboxStore store, String organization, String identifier, String secret, Clock clock) {
        this.store = store;
        this.organization = organization;
        this.identifier = identifier;
        this.secret = secret;
        this.clock = clock;
        this.shown = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRENCH).withZone(clock.getZone());
        this.groups = store.collection(API, "group");
        this.members = store.collection(API, "member");
        this.invites = store.collection(API, "invite");
        this.meta = store.collection(API, "meta");
    }

    /** The calls that change Docker Hub's state: where tests inject faults and count writes. */
    public static Predicate<ProviderRequest> writes() {
        return request -> !request.method().equals("GET") && !request.rawPath().endsWith(DockerHubApi.TOKEN_PATH);
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        List<String> path = request.segments();
        String method = request.method();
        if (path.equals(List.of("v2", "auth", "token")) && method.equals("POST")) {
            return token(request);
        }
        if (!authorized(request)) {
            return error(401, "unauthorized", null);
        }
        seed();
        if (path.size() >= 3 && path.get(0).equals("v2") && path.get(1).equals("orgs")) {
            if (!path.get(2).equalsIgnoreCase(organization)) {
                return error(403, "permission denied", null);
            }
            List<String> rest = path.subList(3, path.size());
            return organizationCall(request, method, rest);
        }
        if (path.equals(List.of("v2", "invites", "bulk")) && method.equals("POST")) {
            return bulkInvite(request);
        }
        if (path.size() == 3 && path.get(0).equals("v2") && path.get(1).equals("invites") && method.equals("DELETE")) {
            return invites.delete(path.get(2)) ? FakeResponses.empty(204) : notFound();
        }
        return notFound();
    }

    private ProviderResponse organizationCall(ProviderRequest request, String method, List<String> rest) {
        if (rest.equals(List.of("members")) && method.equals("GET")) {
            return page(request, members.list().stream().map(m -> m.get("username").asText()).toList());
        }
        if (rest.equals(List.of("invites")) && method.equals("GET")) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("data").addAll(invites.list());
            return FakeResponses.json(200, body);
        }
        if (rest.equals(List.of("groups")) && method.equals("GET")) {
            return groupPage(request);
        }
        if (rest.isEmpty() || !rest.get(0).equals("groups") || rest.size() < 2) {
            return notFound();
        }
        Optional<ObjectNode> group = groups.find(key(rest.get(1)));
        if (group.isEmpty()) {
            return error(404, "group not found", null);
        }
        if (rest.size() == 2 && method.equals("GET")) {
            return FakeResponses.json(200, groupJson(group.get()));
        }
        if (rest.size() == 3 && rest.get(2).equals("members")) {
            return switch (method) {
                case "GET" -> page(request, groupMembers(group.get()));
                case "POST" -> addToGroup(request, group.get());
                default -> notFound();
            };
        }
        if (rest.size() == 4 && rest.get(2).equals("members") && method.equals("DELETE")) {
            return removeFromGroup(group.get(), rest.get(3));
        }
        return notFound();
    }

    // ---- authentication ----

    private ProviderResponse token(ProviderRequest request) {
        JsonNode body = json(request);
        if (identifier == null || secret == null || body == null
                || !identifier.equals(body.path("identifier").asText()) || !secret.equals(body.path("secret").asText())) {
            var refused = new LinkedHashMap<String, Object>();
            refused.put("detail", "Incorrect authentication credentials");
            return FakeResponses.json(401, refused);
        }
        long expires = clock.instant().plus(DockerHubApi.TOKEN_LIFETIME).getEpochSecond();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((identifier + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return FakeResponses.json(200, Map.of("access_token", TOKEN_PREFIX + "." + payload + "." + sign(payload)));
    }

    private boolean authorized(ProviderRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = header.substring("Bearer ".length()).trim().split("\\.");
        if (parts.length != 3 || !parts[0].equals(TOKEN_PREFIX) || !MessageDigest.isEqual(
                sign(parts[1]).getBytes(StandardCharsets.UTF_8), parts[2].getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        try {
            String[] claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
            return claims.length == 2 && claims[0].equals(identifier)
                    && clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(claims[1])));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String sign(String payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((secret + "|" + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- groups and members ----

    private ProviderResponse addToGroup(ProviderRequest request, ObjectNode group) {
        JsonNode body = json(request);
        String member = body == null ? "" : body.path("member").asText("").trim();
        if (member.isEmpty()) {
            return error(400, "member is required", null);
        }
        String id = member.toLowerCase(Locale.ROOT);
        if (members.find(id).isEmpty()) {
            var info = new LinkedHashMap<String, Object>();
            info.put("username", member);
            return error(400, "user " + member + " is not a member of organization " + organization, info);
        }
        Set<String> in = new TreeSet<>(groupMembers(group));
        if (in.add(id)) {
            saveMembers(group, in);
        }
        return FakeResponses.empty(200);
    }

    private ProviderResponse removeFromGroup(ObjectNode group, String username) {
        Set<String> in = new TreeSet<>(groupMembers(group));
        if (!in.remove(username.toLowerCase(Locale.ROOT))) {
            return error(404, "member not found", null);
        }
        saveMembers(group, in);
        return FakeResponses.empty(204);
    }

    private void saveMembers(ObjectNode group, Set<String> in) {
        ArrayNode array = group.putArray("members");
        in.forEach(array::add);
        groups.save(key(group.get("name").asText()), group);
    }

    private static List<String> groupMembers(ObjectNode group) {
        var list = new ArrayList<String>();
        group.path("members").forEach(m -> list.add(m.asText()));
        return list;
    }

    private ObjectNode groupJson(ObjectNode group) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", group.get("id").asLong());
        json.put("uuid", group.get("uuid").asText());
        json.put("name", group.get("name").asText());
        json.put("description", group.path("description").asText(""));
        json.put("member_count", group.path("members").size());
        return json;
    }

    private ProviderResponse groupPage(ProviderRequest request) {
        List<ObjectNode> all = groups.list().stream().map(this::groupJson).toList();
        return paginate(request, all.stream().map(g -> (JsonNode) g).toList(),
                g -> g.get("name").asText());
    }

    /** Usernames as Docker Hub lists group or organization members, filtered by {@code search}. */
    private ProviderResponse page(ProviderRequest request, List<String> usernames) {
        List<JsonNode> rows = usernames.stream().sorted().map(u -> {
            ObjectNode member = JSON.createObjectNode();
            member.put("id", UUID.nameUUIDFromBytes(u.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
            member.put("username", u);
            member.put("full_name", "");
            member.put("type", "User");
            members.find(u).ifPresent(m -> member.put("date_joined", m.path("joinedAt").asText()));
            return (JsonNode) member;
        }).toList();
        return paginate(request, rows, m -> m.get("username").asText());
    }

    private ProviderResponse paginate(ProviderRequest request, List<JsonNode> rows,
            java.util.function.Function<JsonNode, String> name) {
        Map<String, String> query = request.query();
        String search = query.getOrDefault("search", "").toLowerCase(Locale.ROOT);
        int page;
        int size;
        try {
            page = Integer.parseInt(query.getOrDefault("page", "1"));
            size = Integer.parseInt(query.getOrDefault("page_size", Integer.toString(DEFAULT_PAGE_SIZE)));
        } catch (NumberFormatException e) {
            return error(400, "invalid page or page_size", null);
        }
        if (page < 1 || size < 1) {
            return error(404, "Invalid page.", null);
        }
        size = Math.min(size, MAX_PAGE_SIZE);
        List<JsonNode> found = rows.stream().filter(r -> name.apply(r).toLowerCase(Locale.ROOT).contains(search))
                .toList();
        int from = (page - 1) * size;
        if (from > 0 && from >= found.size()) {
            return error(404, "Invalid page.", null);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("count", found.size());
        if (from + size < found.size()) {
            body.put("next", pageUrl(request, query, page + 1, size));
        } else {
            body.putNull("next");
        }
        if (page > 1) {
            body.put("previous", pageUrl(request, query, page - 1, size));
        } else {
            body.putNull("previous");
        }
        body.putArray("results").addAll(found.subList(Math.min(from, found.size()), Math.min(from + size,
                found.size())));
        return FakeResponses.json(200, body);
    }

    private static String pageUrl(ProviderRequest request, Map<String, String> query, int page, int size) {
        URI uri = URI.create(request.url());
        var params = new LinkedHashMap<>(query);
        params.put("page", Integer.toString(page));
        params.put("page_size", Integer.toString(size));
        var joined = new StringBuilder();
        params.forEach((k, v) -> joined.append(joined.isEmpty() ? "?" : "&").append(encode(k)).append('=')
                .append(encode(v)));
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + joined;
    }

    // ---- invitations ----

    private ProviderResponse bulkInvite(ProviderRequest request) {
        JsonNode body = json(request);
        if (body == null || !body.path("invitees").isArray() || body.path("invitees").isEmpty()) {
            return error(400, "invitees is required", null);
        }
        if (!organization.equalsIgnoreCase(body.path("org").asText())) {
            return error(403, "permission denied", null);
        }
        String role = body.path("role").asText("member");
        if (!ROLES.contains(role)) {
            return error(400, "invalid role " + role, null);
        }
        String team = body.path("team").asText("");
        Optional<ObjectNode> group = team.isEmpty() ? Optional.empty() : groups.find(key(team));
        if (!team.isEmpty() && group.isEmpty()) {
            return error(404, "group not found", null);
        }
        String teamName = group.map(g -> g.get("name").asText()).orElse("");
        boolean dryRun = body.path("dry_run").asBoolean(false);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("invitees");
        for (JsonNode invitee : body.get("invitees")) {
            String asked = invitee.asText("").trim();
            String id = asked.toLowerCase(Locale.ROOT);
            ObjectNode result = results.addObject();
            result.put("invitee", asked);
            if (members.find(id).isPresent()) {
                result.put("status", "existing_org_member");
                continue;
            }
            if (!DOCKER_ID.matcher(id).matches() && !EMAIL.matcher(id).matches()) {
                result.put("status", "invalid_email_or_docker_id");
                continue;
            }
            Optional<ObjectNode> pending = pendingInvite(id, teamName);
            ObjectNode invite = pending.orElseGet(() -> newInvite(id, teamName, role));
            if (pending.isEmpty() && !dryRun) {
                invites.save(invite.get("id").asText(), invite);
            }
            result.put("status", "invited");
            result.set("invite", invite);
        }
        return FakeResponses.json(202, answer);
    }

    private ObjectNode newInvite(String invitee, String team, String role) {
        ObjectNode invite = JSON.createObjectNode();
        invite.put("id", UUID.randomUUID().toString());
        invite.put("inviter_username", identifier);
        invite.put("invitee", invitee);
        invite.put("org", organization);
        invite.put("team", team);
        invite.put("role", role);
        invite.put("created_at", clock.instant().toString());
        return invite;
    }

    private Optional<ObjectNode> pendingInvite(String invitee, String team) {
        return invites.list().stream().filter(i -> i.get("invitee").asText().equals(invitee)
                && i.get("team").asText().equalsIgnoreCase(team)).findFirst();
    }

    // ---- state ----

    /** The first call on an empty store creates the seed teams and members. */
    private void seed() {
        if (meta.find("seeded").isPresent()) {
            return;
        }
        meta.save("seeded", JSON.createObjectNode().put("at", clock.instant().toString()));
        long id = 0;
        for (String team : new TreeSet<>(SEED_TEAMS.keySet())) {
            ObjectNode group = JSON.createObjectNode();
            group.put("id", ++id);
            group.put("uuid", UUID.nameUUIDFromBytes((organization + "/" + team).getBytes(StandardCharsets.UTF_8))
                    .toString());
            group.put("name", team);
            group.put("description", "");
            ArrayNode array = group.putArray("members");
            SEED_TEAMS.get(team).forEach(member -> {
                array.add(member);
                joinOrganization(member);
            });
            groups.save(key(team), group);
        }
    }

    private void joinOrganization(String username) {
        if (members.find(username).isEmpty()) {
            members.save(username, JSON.createObjectNode().put("username", username)
                    .put("joinedAt", clock.instant().toString()));
        }
    }

    /**
     * Plays {@code invitee} accepting their invitations, as the person would by following Docker Hub's email: they
     * join the organization and every team they were invited to.
     *
     * @return whether there was a pending invitation
     */
    public boolean acceptInvite(String invitee) {
        String id = invitee.toLowerCase(Locale.ROOT);
        return store.atomically(API, () -> {
            seed();
            List<ObjectNode> accepted = invites.list().stream().filter(i -> i.get("invitee").asText().equals(id))
                    .toList();
            if (accepted.isEmpty()) {
                return false;
            }
            joinOrganization(id);
            for (ObjectNode invite : accepted) {
                invites.delete(invite.get("id").asText());
                groups.find(key(invite.get("team").asText())).ifPresent(group -> {
                    Set<String> in = new TreeSet<>(groupMembers(group));
                    in.add(id);
                    saveMembers(group, in);
                });
            }
            return true;
        });
    }

    // ---- what the tests and the « Bac à sable » page read ----

    /** A pending invitation: the Docker ID (or email) invited, lowercase, and the team it joins on accepting. */
    public record Invite(String id, String invitee, String team, Instant createdAt) {
    }

    /** Team names, sorted. */
    public List<String> teams() {
        return groups.list().stream().map(g -> g.get("name").asText()).sorted().toList();
    }

    /** Docker IDs in {@code team}, sorted; empty for an unknown team. */
    public List<String> members(String team) {
        return groups.find(key(team)).map(g -> groupMembers(g).stream().sorted().toList()).orElse(List.of());
    }

    /** Docker IDs in the organization, sorted. */
    public List<String> organizationMembers() {
        return members.list().stream().map(m -> m.get("username").asText()).sorted().toList();
    }

    /** Pending invitations, oldest first. */
    public List<Invite> invites() {
        return invites.list().stream().map(i -> new Invite(i.get("id").asText(), i.get("invitee").asText(),
                i.get("team").asText(), Instant.parse(i.get("created_at").asText()))).toList();
    }

    @Override
    public List<Table> sandboxTables() {
        store.atomically(API, () -> {
            seed();
            return null;
        });
        List<List<String>> teamRows = teams().stream().map(t -> List.of(t, String.join(", ", members(t)))).toList();
        List<List<String>> inviteRows = invites().stream()
                .map(i -> List.of(i.invitee(), i.team(), shown.format(i.createdAt()))).toList();
        return List.of(
                new Table("docker-teams", "sandbox.dockerhub.teams", organization,
                        List.of("sandbox.dockerhub.team.name", "sandbox.dockerhub.team.members"), teamRows),
                new Table("docker-members", "sandbox.dockerhub.members", organization,
                        List.of("sandbox.dockerhub.member.username"),
                        organizationMembers().stream().map(List::of).toList()),
                new Table("docker-invites", "sandbox.dockerhub.invites", organization,
                        List.of("sandbox.dockerhub.invite.invitee", "sandbox.dockerhub.invite.team",
                                "sandbox.dockerhub.invite.sent"), inviteRows));
    }

    // ---- answers ----

    private static ProviderResponse error(int status, String message, Object errinfo) {
        var body = new LinkedHashMap<String, Object>();
        body.put("errinfo", errinfo);
        body.put("message", message);
        return FakeResponses.json(status, body);
    }

    private static ProviderResponse notFound() {
        return error(404, "not found", null);
    }

    private static JsonNode json(ProviderRequest request) {
        try {
            JsonNode node = JSON.readTree(request.body());
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String key(String team) {
        return team.toLowerCase(Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
