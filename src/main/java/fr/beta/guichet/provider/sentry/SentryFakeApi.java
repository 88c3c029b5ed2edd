package fr.beta.guichet.provider.sentry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * Sentry's web API for one organization, as {@link SentryHttpClient} uses it, with its state in a
 * {@link SandboxStore} (collections {@code team} by slug, {@code member} by member id): sandbox mode's Sentry and
 * the fake of the client's tests.
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} is checked on every call: 401 {@code {"detail":…}} otherwise; another
 *   organization is a 404.</li>
 *   <li>{@code GET …/members/} and {@code GET …/teams/} are paginated like Sentry's {@code OffsetPaginator}
 *   ({@code per_page} up to the page size, 100 as Sentry; lower in tests), with the {@code Link} header
 *   {@code <url&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"}. Members are listed by id, teams by
 *   slug; list entries carry no teams (as Sentry's), {@code GET …/members/{id}/} adds {@code teams} and
 *   {@code teamRoles}.</li>
 *   <li>{@code POST …/members/} invites ({@code 201}, a pending member with its {@code teamRoles}); an email that is
 *   already a member or invited is a 400 {@code {"email":["The user … is already a member"]}}; an unknown team or
 *   role in {@code teamRoles} a 400; an organization role other than {@code member} a 400 (what organization tokens
 *   may invite).</li>
 *   <li>{@code POST …/teams/} creates a team ({@code 201}); a slug in use is a 409, a slug breaking Sentry's rules
 *   (lowercase letters, digits, {@code -}, {@code _}, not only digits, at most 50) a 400.</li>
 *   <li>{@code POST …/members/{id}/teams/{slug}/} adds to the team ({@code 201} with the team), {@code 204} when
 *   already in it; {@code PUT} sets {@code teamRole}; {@code DELETE} removes from the team ({@code 200}, also when
 *   not in it); {@code DELETE …/members/{id}/} removes the member ({@code 204}); unknown member or team: 404.</li>
 * </ul>
 * It starts with the teams {@code incubateur} (florian@beta.gouv.fr, team admin) and {@code demo}. It never injects
 * faults (429 with {@code Retry-After}, 5xx, lost answers): tests do.
 */
public class SentryFakeApi implements FakeApi, SandboxView {

    public static final String API = "sentry";
    public static final String SEEDED_TEAM = "incubateur";
    public static final String SEEDED_MEMBER = "florian@beta.gouv.fr";
    public static final String EMPTY_TEAM = "demo";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLUG = Pattern.compile("(?![0-9]+$)[a-z0-9_-]{1,50}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CURSOR = Pattern.compile("(\\d+):(\\d+):([01])");
    private static final List<String> TEAM_ROLES = List.of("contributor", "admin");

    private final SandboxStore store;
    private final String organization;
    private final String token;
    private final int pageSize;
    private final Clock clock;

    public SentryFakeApi(SandboxStore store, String organization, String token, int pageSize, Clock clock) {
        if (pageSize < 1 || pageSize > SentryProperties.SENTRY_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to 100");
        }
        this.store = store;
        this.organization = organization;
        this.token = token;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** Sandbox mode's fake: the effective organization and token, the configured page size. */
    public SentryFakeApi(SandboxStore store, SentryProperties effective) {
        this(store, effective.organization(), effective.token(), effective.sandboxPageSize(), Clock.systemUTC());
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return error(401, "Authentication credentials were not provided.");
        }
        if (!authorization.equals("Bearer " + token)) {
            return error(401, "Invalid token");
        }
        List<String> segments = request.segments();
        if (segments.size() < 5 || !segments.get(0).equals("api") || !segments.get(1).equals("0")
                || !segments.get(2).equals("organizations")) {
            return notFound();
        }
        if (!segments.get(3).equals(organization)) {
            return notFound();
        }
        seedOnce();
        List<String> rest = segments.subList(4, segments.size());
        String method = request.method();
        if (rest.equals(List.of("members"))) {
            return switch (method) {
                case "GET" -> page(request, members().stream().map(SentryFakeApi::listed).toList());
                case "POST" -> invite(request);
                default -> notAllowed(method);
            };
        }
        if (rest.equals(List.of("teams"))) {
            return switch (method) {
                case "GET" -> page(request, teams().stream().map(t -> teamJson(t)).toList());
                case "POST" -> createTeam(request);
                default -> notAllowed(method);
            };
        }
        if (rest.size() >= 2 && rest.get(0).equals("members")) {
            Optional<ObjectNode> member = memberCollection().find(rest.get(1));
            if (member.isEmpty()) {
                return notFound();
            }
            if (rest.size() == 2) {
                return switch (method) {
                    case "GET" -> FakeResponses.json(200, member.get());
                    case "DELETE" -> {
                        memberCollection().delete(rest.get(1));
                        yield FakeResponses.empty(204);
                    }
                    default -> notAllowed(method);
                };
            }
            if (rest.size() == 4 && rest.get(2).equals("teams")) {
                return memberTeam(method, member.get(), rest.get(3), request);
            }
        }
        return notFound();
    }

    // ---- endpoints ----

    private ProviderResponse invite(ProviderRequest request) {
        JsonNode body = parse(request.body());
        if (body == null || !body.isObject()) {
            return json(400, Map.of("detail", "JSON parse error"));
        }
        String email = body.path("email").asText("").trim();
        if (email.isEmpty()) {
            return json(400, Map.of("email", List.of("This field is required.")));
        }
        if (email.length() > 75 || !EMAIL.matcher(email).matches()) {
            return json(400, Map.of("email", List.of("Enter a valid email address.")));
        }
        if (findMemberByEmail(email).isPresent()) {
            return json(400, Map.of("email", List.of("The user " + email + " is already a member")));
        }
        String orgRole = body.path("orgRole").asText(body.path("role").asText("member"));
        if (!orgRole.equals("member")) {
            return json(400, Map.of("detail",
                    "Integration tokens are restricted to inviting new members with the member role only."));
        }
        ArrayNode teamRoles = JSON.createArrayNode();
        ArrayNode teamSlugs = JSON.createArrayNode();
        for (JsonNode item : body.path("teamRoles")) {
            String slug = item.path("teamSlug").asText("");
            JsonNode role = item.path("role");
            boolean unset = role.isMissingNode() || role.isNull();
            if (!unset && !TEAM_ROLES.contains(role.asText())) {
                return json(400, Map.of("teamRoles", List.of("Invalid team-role")));
            }
            if (teamCollection().find(slug).isEmpty()) {
                return json(400, Map.of("teamRoles", List.of("Invalid teams")));
            }
            teamRoles.addObject().put("teamSlug", slug).set("role", unset ? null : role);
            teamSlugs.add(slug);
        }
        ObjectNode member = newMember(email, true);
        member.set("teams", teamSlugs);
        member.set("teamRoles", teamRoles);
        memberCollection().save(member.path("id").asText(), member);
        return FakeResponses.json(201, listed(member));
    }

    private ProviderResponse createTeam(ProviderRequest request) {
        JsonNode body = parse(request.body());
        if (body == null || !body.isObject()) {
            return json(400, Map.of("detail", "JSON parse error"));
        }
        String slug = body.path("slug").asText("");
        String name = body.path("name").asText(slug);
        if (slug.isEmpty()) {
            return json(400, Map.of("slug", List.of("This field is required.")));
        }
        if (!SLUG.matcher(slug).matches()) {
            return json(400, Map.of("slug", List.of("Enter a valid slug consisting of lowercase letters, numbers, "
                    + "underscores or hyphens. It cannot be entirely numeric.")));
        }
        if (teamCollection().find(slug).isPresent()) {
            String conflict = "A team with this slug already exists.";
            return json(409, Map.of("non_field_errors", List.of(conflict), "detail", conflict));
        }
        ObjectNode team = newTeam(slug, name);
        teamCollection().save(slug, team);
        return FakeResponses.json(201, teamJson(team));
    }

    private ProviderResponse memberTeam(String method, ObjectNode member, String slug, ProviderRequest request) {
        Optional<ObjectNode> team = teamCollection().find(slug);
        if (team.isEmpty()) {
            return notFound();
        }
        String id = member.path("id").asText();
        boolean inTeam = teamsOf(member).contains(slug);
        switch (method) {
            case "GET":
                return inTeam ? json(200, Map.of("isActive", true, "teamRole", roleIn(member, slug))) : notFound();
            case "POST":
                if (inTeam) {
                    return FakeResponses.empty(204);
                }
                ((ArrayNode) member.withArray("teams")).add(slug);
                ((ArrayNode) member.withArray("teamRoles")).addObject().put("teamSlug", slug).putNull("role");
                memberCollection().save(id, member);
                return FakeResponses.json(201, teamJson(team.get()));
            case "PUT":
                if (!inTeam) {
                    return notFound();
                }
                JsonNode body = parse(request.body());
                String role = body == null ? "" : body.path("teamRole").asText("");
                if (!TEAM_ROLES.contains(role)) {
                    return FakeResponses.empty(400);
                }
                for (JsonNode teamRole : member.withArray("teamRoles")) {
                    if (slug.equals(teamRole.path("teamSlug").asText())) {
                        ((ObjectNode) teamRole).put("role", role);
                    }
                }
                memberCollection().save(id, member);
                return json(200, Map.of("isActive", true, "teamRole", role));
            case "DELETE":
                if (inTeam) {
                    ArrayNode teams = JSON.createArrayNode();
                    teamsOf(member).stream().filter(s -> !s.equals(slug)).forEach(teams::add);
                    ArrayNode roles = JSON.createArrayNode();
                    member.withArray("teamRoles").forEach(r -> {
                        if (!slug.equals(r.path("teamSlug").asText())) {
                            roles.add(r);
                        }
                    });
                    member.set("teams", teams);
                    member.set("teamRoles", roles);
                    memberCollection().save(id, member);
                }
                return FakeResponses.json(200, teamJson(team.get()));
            default:
                return notAllowed(method);
        }
    }

    /** One page of a list, and the {@code Link} header of Sentry's {@code OffsetPaginator}. */
    private ProviderResponse page(ProviderRequest request, List<ObjectNode> all) {
        Map<String, String> query = request.query();
        int perPage = pageSize;
        if (query.containsKey("per_page")) {
            try {
                perPage = Integer.parseInt(query.get("per_page"));
            } catch (NumberFormatException e) {
                return error(400, "Invalid per_page parameter.");
            }
            if (perPage < 1 || perPage > SentryProperties.SENTRY_PAGE_SIZE) {
                return error(400, "Invalid per_page parameter.");
            }
            perPage = Math.min(perPage, pageSize);
        }
        int page = 0;
        String cursor = query.get("cursor");
        if (cursor != null && !cursor.isBlank()) {
            var matcher = CURSOR.matcher(cursor);
            if (!matcher.matches()) {
                return error(400, "Invalid cursor parameter.");
            }
            page = Integer.parseInt(matcher.group(2));
        }
        int from = Math.min(all.size(), page * perPage);
        int to = Math.min(all.size(), from + perPage);
        boolean more = to < all.size();
        String base = request.url().replaceAll("\\?.*$", "");
        String previous = perPage + ":" + (page - 1) + ":1";
        String next = perPage + ":" + (page + 1) + ":0";
        String link = "<" + base + "?&cursor=" + previous + ">; rel=\"previous\"; results=\"" + (page > 0)
                + "\"; cursor=\"" + previous + "\", <" + base + "?&cursor=" + next + ">; rel=\"next\"; results=\""
                + more + "\"; cursor=\"" + next + "\"";
        return FakeResponses.json(200, all.subList(from, to), Map.of("Link", link));
    }

    // ---- state ----

    /** The organization's first state, written once (and again after the store was cleared). */
    private void seedOnce() {
        SandboxStore.Collection meta = store.collection(API, "meta");
        if (meta.find("seeded").isPresent()) {
            return;
        }
        teamCollection().save(SEEDED_TEAM, newTeam(SEEDED_TEAM, "Incubateur"));
        teamCollection().save(EMPTY_TEAM, newTeam(EMPTY_TEAM, "Démo"));
        ObjectNode florian = newMember(SEEDED_MEMBER, false);
        florian.set("teams", JSON.createArrayNode().add(SEEDED_TEAM));
        florian.set("teamRoles", JSON.createArrayNode().add(JSON.createObjectNode().put("teamSlug", SEEDED_TEAM)
                .put("role", "admin")));
        memberCollection().save(florian.path("id").asText(), florian);
        meta.save("seeded", JSON.createObjectNode().put("at", clock.instant().toString()));
    }

    private ObjectNode newMember(String email, boolean pending) {
        String id = String.valueOf(1_000_000 + store.nextNumber(API));
        String now = Instant.now(clock).toString();
        ObjectNode member = JSON.createObjectNode();
        member.put("id", id);
        member.put("email", email);
        member.put("name", email);
        if (pending) {
            member.putNull("user");
        } else {
            member.putObject("user").put("id", "u" + id).put("email", email).put("username", email)
                    .put("name", email);
        }
        member.put("orgRole", "member");
        member.put("role", "member");
        member.put("roleName", "Member");
        member.put("pending", pending);
        member.put("expired", false);
        member.putObject("flags").put("sso:linked", false).put("sso:invalid", false)
                .put("member-limit:restricted", false);
        member.put("dateCreated", now);
        member.put("inviteStatus", "approved");
        member.putNull("inviterName");
        return member;
    }

    private ObjectNode newTeam(String slug, String name) {
        ObjectNode team = JSON.createObjectNode();
        team.put("id", String.valueOf(4_000_000 + store.nextNumber(API)));
        team.put("slug", slug);
        team.put("name", name);
        team.put("dateCreated", Instant.now(clock).toString());
        return team;
    }

    /** A team as the API shows it. */
    private ObjectNode teamJson(ObjectNode team) {
        ObjectNode json = team.deepCopy();
        String slug = team.path("slug").asText();
        json.put("isMember", false);
        json.putNull("teamRole");
        json.put("hasAccess", true);
        json.put("isPending", false);
        json.put("memberCount", members().stream().filter(m -> teamsOf(m).contains(slug)).count());
        json.putObject("avatar").put("avatarType", "letter_avatar").putNull("avatarUuid");
        json.putObject("flags").put("idp:provisioned", false);
        return json;
    }

    /** A member as the list shows it: without its teams. */
    private static ObjectNode listed(ObjectNode member) {
        ObjectNode json = member.deepCopy();
        json.remove("teams");
        json.remove("teamRoles");
        return json;
    }

    private Optional<ObjectNode> findMemberByEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return members().stream().filter(m -> m.path("email").asText().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    private static List<String> teamsOf(JsonNode member) {
        var teams = new ArrayList<String>();
        member.path("teams").forEach(t -> teams.add(t.asText()));
        return teams;
    }

    /** A team role in French, for the page. */
    private static String shownRole(String role) {
        return switch (role) {
            case "contributor" -> "contributeur";
            case "admin" -> "administrateur de l'équipe";
            case "member" -> "membre";
            default -> role;
        };
    }

    private static String roleIn(JsonNode member, String slug) {
        for (JsonNode teamRole : member.path("teamRoles")) {
            if (slug.equals(teamRole.path("teamSlug").asText()) && !teamRole.path("role").isNull()) {
                return teamRole.path("role").asText();
            }
        }
        return "contributor";
    }

    /** Members by id, as Sentry orders them. */
    private List<ObjectNode> members() {
        return memberCollection().list().stream()
                .sorted(Comparator.comparingLong(m -> Long.parseLong(m.path("id").asText()))).toList();
    }

    /** Teams by slug, as Sentry orders them. */
    private List<ObjectNode> teams() {
        return teamCollection().list().stream().sorted(Comparator.comparing(t -> t.path("slug").asText())).toList();
    }

    private SandboxStore.Collection memberCollection() {
        return store.collection(API, "member");
    }

    private SandboxStore.Collection teamCollection() {
        return store.collection(API, "team");
    }

    // ---- what tests and the sandbox page read ----

    /** Members of the organization by id (pending invitations included), with their teams. */
    public List<ObjectNode> memberships() {
        return store.atomically(API, () -> {
            seedOnce();
            return members();
        });
    }

    /** Team slugs, sorted. */
    public List<String> teamSlugs() {
        return store.atomically(API, () -> {
            seedOnce();
            return teams().stream().map(t -> t.path("slug").asText()).toList();
        });
    }

    /** How many members have this email (one at most, as in Sentry). */
    public long membersWithEmail(String email) {
        return memberships().stream().filter(m -> m.path("email").asText().equalsIgnoreCase(email.trim())).count();
    }

    /** Whether the member with this email is in the team, with which role ({@code contributor} when unset). */
    public Optional<String> teamRole(String email, String teamSlug) {
        return memberships().stream().filter(m -> m.path("email").asText().equalsIgnoreCase(email.trim()))
                .filter(m -> teamsOf(m).contains(teamSlug)).map(m -> roleIn(m, teamSlug)).findFirst();
    }

    @Override
    public List<Table> sandboxTables() {
        List<ObjectNode> members = memberships();
        List<List<String>> teamRows = new ArrayList<>();
        for (String slug : teamSlugs()) {
            List<String> emails = members.stream().filter(m -> teamsOf(m).contains(slug))
                    .map(m -> m.path("email").asText() + " (" + shownRole(roleIn(m, slug)) + ")").toList();
            teamRows.add(List.of(slug, String.join(", ", emails)));
        }
        List<List<String>> memberRows = members.stream().map(m -> List.of(m.path("id").asText(),
                m.path("email").asText(), m.path("pending").asBoolean() ? "oui" : "non",
                String.join(", ", teamsOf(m)))).toList();
        return List.of(
                new Table("sentry-teams", "sandbox.sentry.teams", organization,
                        List.of("sandbox.sentry.team", "sandbox.sentry.teamMembers"), teamRows),
                new Table("sentry-members", "sandbox.sentry.members", organization,
                        List.of("sandbox.sentry.memberId", "sandbox.sentry.email", "sandbox.sentry.pending",
                                "sandbox.sentry.memberTeams"), memberRows));
    }

    // ---- answers ----

    private static ProviderResponse error(int status, String detail) {
        return json(status, Map.of("detail", detail));
    }

    private static ProviderResponse notFound() {
        return error(404, "The requested resource does not exist");
    }

    private static ProviderResponse notAllowed(String method) {
        return error(405, "Method \"" + method + "\" not allowed.");
    }

    private static ProviderResponse json(int status, Object body) {
        return FakeResponses.json(status, body);
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
