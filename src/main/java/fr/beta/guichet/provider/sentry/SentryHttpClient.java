package fr.beta.guichet.provider.sentry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.JsonBodies;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * {@link SentryClient} over Sentry's web API ({@code {baseUrl}/api/0/organizations/{org}/…}) with a bearer token,
 * through {@link HttpTransport}: Camunda Connect in live mode, {@link SentryFakeApi} in sandbox mode.
 * <p>
 * Lists are paginated by Sentry (100 per page): the answer's {@code Link} header carries a {@code rel="next"} entry
 * with {@code results="true"} and a {@code cursor} while there are more. The client follows the cursor, on its own
 * base URL (never a URL from the header, so the token only ever goes to the configured host), until the item is
 * found or {@code results="false"}.
 * <p>
 * Every write is read first, so a retried job after a lost answer writes nothing twice: the team is looked up before
 * it is created (and a {@code 409} "already exists" counts as created), the member before the invitation (and an
 * invitation refused because the email "is already a member" leads to the member found), the membership before the
 * member-team {@code POST} ({@code 204} means already in the team).
 * <p>
 * Messages carry method, path (no query string), status and Sentry's own text; never the token. Camunda Connect
 * itself logs request headers at DEBUG on {@code org.camunda.bpm.connect}: that logger must stay at INFO or above.
 */
public class SentryHttpClient implements SentryClient {

    /** Sentry's largest page. */
    static final int PAGE_SIZE = 100;
    /** A safety stop: 1,000 pages of 100 is more than any organization of the incubator. */
    static final int MAX_PAGES = 1000;

    private static final int MAX_DETAIL_LENGTH = 300;
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[A-Za-z]+\\s*=\\s*\"[^\"]*\")*)");
    private static final Pattern LINK_PARAM = Pattern.compile("([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");

    private final HttpTransport transport;
    private final String baseUrl;
    private final String organization;
    private final String token;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param properties the effective settings ({@link SentryProperties#effective()}) */
    public SentryHttpClient(SentryProperties properties, HttpTransport transport) {
        properties.requireLiveCredentials();
        this.transport = transport;
        this.baseUrl = properties.baseUrl().toString().replaceAll("/+$", "");
        this.organization = properties.organization();
        this.token = properties.token();
    }

    @Override
    public boolean teamExists(String teamSlug) {
        return findInPages("teams/", team -> teamSlug.equals(team.path("slug").asText())).isPresent();
    }

    @Override
    public Optional<String> memberId(String email) {
        return findMember(email).map(member -> member.path("id").asText());
    }

    @Override
    public boolean isTeamMember(String email, String teamSlug) {
        return memberId(email).map(id -> teamRoleOf(id, teamSlug).isPresent()).orElse(false);
    }

    @Override
    public List<String> teamsOf(String email) {
        Optional<String> id = memberId(email);
        if (id.isEmpty()) {
            return List.of();
        }
        String path = memberPath(id.get());
        ProviderResponse response = send("GET", path, null);
        if (response.status() == 404) {
            return List.of();
        }
        if (!response.isSuccess()) {
            throw unavailable("GET", path, response);
        }
        JsonNode member = parse("GET", path, response);
        Set<String> teams = new java.util.LinkedHashSet<>();
        member.path("teamRoles").forEach(teamRole -> teams.add(teamRole.path("teamSlug").asText()));
        member.path("teams").forEach(team -> teams.add(team.asText()));
        teams.remove("");
        return List.copyOf(teams);
    }

    @Override
    public SentryGrant grant(String email, String teamSlug, SentryTeamRole role) {
        boolean teamCreated = ensureTeam(teamSlug);
        Optional<String> existing = memberId(email);
        if (existing.isEmpty()) {
            existing = invite(email, teamSlug, role);
            if (existing.isEmpty()) {
                return new SentryGrant(SentryGrant.Outcome.INVITED, teamCreated);
            }
        }
        String id = existing.get();
        Optional<String> currentRole = teamRoleOf(id, teamSlug);
        SentryGrant.Outcome outcome;
        if (currentRole.isPresent()) {
            outcome = SentryGrant.Outcome.ALREADY_IN_TEAM;
        } else {
            addToTeam(id, teamSlug);
            outcome = SentryGrant.Outcome.ADDED;
        }
        if (role == SentryTeamRole.ADMIN && !currentRole.filter(role.apiValue()::equals).isPresent()) {
            setTeamRole(id, teamSlug, role);
        }
        return new SentryGrant(outcome, teamCreated);
    }

    @Override
    public void removeFromTeam(String email, String teamSlug) {
        Optional<String> id = memberId(email);
        if (id.isEmpty()) {
            return;
        }
        String path = memberPath(id.get()) + "teams/" + segment(teamSlug) + "/";
        ProviderResponse response = send("DELETE", path, null);
        // 404: no such member or team any more, so not in it: done
        if (!response.isSuccess() && response.status() != 404) {
            throw writeFailure("DELETE", path, response);
        }
    }

    @Override
    public void removeMember(String email) {
        Optional<String> id = memberId(email);
        if (id.isEmpty()) {
            return;
        }
        String path = memberPath(id.get());
        ProviderResponse response = send("DELETE", path, null);
        if (!response.isSuccess() && response.status() != 404) {
            throw writeFailure("DELETE", path, response);
        }
    }

    // ---- steps ----

    /** @return whether this call created the team */
    private boolean ensureTeam(String teamSlug) {
        if (teamExists(teamSlug)) {
            return false;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("slug", teamSlug);
        body.put("name", teamSlug);
        String path = orgPath() + "teams/";
        ProviderResponse response = send("POST", path, body);
        if (response.status() == 409) {
            return false; // created meanwhile, or by an attempt whose answer was lost
        }
        if (!response.isSuccess()) {
            throw writeFailure("POST", path, response);
        }
        return true;
    }

    /**
     * Invites the email with its team role. Sentry refuses to invite an email that "is already a member" (a member
     * or a pending invitation): then that member is returned, to be added to the team.
     *
     * @return empty once invited; the member id when it turned out to be a member already
     */
    private Optional<String> invite(String email, String teamSlug, SentryTeamRole role) {
        var body = new LinkedHashMap<String, Object>();
        body.put("email", email);
        body.put("orgRole", "member");
        body.put("teamRoles", List.of(Map.of("teamSlug", teamSlug, "role", role.apiValue())));
        body.put("sendInvite", true);
        String path = orgPath() + "members/";
        ProviderResponse response = send("POST", path, body);
        if (response.isSuccess()) {
            return Optional.empty();
        }
        if (response.status() == 400 && errorText(response).contains("already a member")) {
            Optional<String> id = memberId(email);
            if (id.isPresent()) {
                return id;
            }
        }
        throw writeFailure("POST", path, response);
    }

    private void addToTeam(String memberId, String teamSlug) {
        String path = memberPath(memberId) + "teams/" + segment(teamSlug) + "/";
        ProviderResponse response = send("POST", path, null);
        switch (response.status()) {
            case 201, 204 -> {
                // added, or already in the team
            }
            case 202 -> throw new ProviderRejectedException(PROVIDER, "POST " + path + ": 202 Sentry filed an access "
                    + "request to team " + teamSlug + " instead of adding the member (the token lacks team:write or "
                    + "org:write on that team)");
            default -> throw writeFailure("POST", path, response);
        }
    }

    private void setTeamRole(String memberId, String teamSlug, SentryTeamRole role) {
        String path = memberPath(memberId) + "teams/" + segment(teamSlug) + "/";
        ProviderResponse response = send("PUT", path, Map.of("teamRole", role.apiValue()));
        if (!response.isSuccess()) {
            throw writeFailure("PUT", path, response);
        }
    }

    /** The member's role in the team (Sentry's {@code teamRoles}, {@code contributor} when unset), if in it. */
    private Optional<String> teamRoleOf(String memberId, String teamSlug) {
        String path = memberPath(memberId);
        ProviderResponse response = send("GET", path, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw unavailable("GET", path, response);
        }
        JsonNode member = parse("GET", path, response);
        for (JsonNode teamRole : member.path("teamRoles")) {
            if (teamSlug.equals(teamRole.path("teamSlug").asText())) {
                String value = teamRole.path("role").asText("");
                return Optional.of(value.isBlank() ? SentryTeamRole.MEMBER.apiValue() : value);
            }
        }
        for (JsonNode team : member.path("teams")) {
            if (teamSlug.equals(team.asText())) {
                return Optional.of(SentryTeamRole.MEMBER.apiValue());
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> findMember(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return findInPages("members/", member -> wanted.equals(lower(member.path("email").asText("")))
                || wanted.equals(lower(member.path("user").path("email").asText(""))));
    }

    /**
     * The first item of a paginated list that matches, reading the pages one after the other and stopping at the
     * match: Sentry's {@code Link} header says whether a next page has results, and its cursor.
     */
    private Optional<JsonNode> findInPages(String list, Predicate<JsonNode> match) {
        String path = orgPath() + list;
        String cursor = null;
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            String query = "?per_page=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + query(cursor));
            ProviderResponse response = send("GET", path + query, null);
            if (!response.isSuccess()) {
                throw unavailable("GET", path, response);
            }
            JsonNode items = parse("GET", path, response);
            if (!items.isArray()) {
                throw unavailable("GET", path, response.status() + " answer is not a list");
            }
            for (JsonNode item : items) {
                if (match.test(item)) {
                    return Optional.of(item);
                }
            }
            cursor = nextCursor(response.header("Link")).orElse(null);
            if (cursor == null) {
                return Optional.empty();
            }
            if (!seen.add(cursor)) {
                throw unavailable("GET", path, "the Link header repeats cursor " + cursor);
            }
        }
        throw unavailable("GET", path, "more than " + MAX_PAGES + " pages");
    }

    /**
     * The cursor of the {@code rel="next"} entry of a {@code Link} header when it has {@code results="true"}, as
     * Sentry writes it: {@code <…?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"}.
     */
    static Optional<String> nextCursor(String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        Matcher entry = LINK.matcher(link);
        while (entry.find()) {
            Map<String, String> params = new LinkedHashMap<>();
            Matcher param = LINK_PARAM.matcher(entry.group(2));
            while (param.find()) {
                params.put(param.group(1).toLowerCase(Locale.ROOT), param.group(2));
            }
            if ("next".equals(params.get("rel"))) {
                if (!"true".equals(params.get("results"))) {
                    return Optional.empty();
                }
                String cursor = params.get("cursor");
                if (cursor == null || cursor.isBlank()) {
                    cursor = cursorOfUrl(entry.group(1));
                }
                return Optional.ofNullable(cursor).filter(c -> !c.isBlank());
            }
        }
        return Optional.empty();
    }

    private static String cursorOfUrl(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        return fr.beta.guichet.provider.ProviderRequest.decodeForm(url.substring(query + 1)).get("cursor");
    }

    // ---- HTTP ----

    private ProviderResponse send(String method, String pathAndQuery, Object body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        String json = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            json = serialize(body);
        }
        return transport.send(method, baseUrl + pathAndQuery, headers, json);
    }

    private String orgPath() {
        return "/api/0/organizations/" + segment(organization) + "/";
    }

    private String memberPath(String memberId) {
        return orgPath() + "members/" + segment(memberId) + "/";
    }

    private String serialize(Object body) {
        return JsonBodies.write(mapper, "Sentry", body);
    }

    private JsonNode parse(String method, String path, ProviderResponse response) {
        return JsonBodies.read(mapper, response, detail -> unavailable(method, path, detail));
    }

    /** A failed write: 400, 404 and 409 refuse the request as asked; anything else is technical. */
    private RuntimeException writeFailure(String method, String path, ProviderResponse response) {
        int status = response.status();
        if (status == 400 || status == 404 || status == 409) {
            return new ProviderRejectedException(PROVIDER, method + " " + path + ": " + status + " "
                    + describe(response));
        }
        return unavailable(method, path, response);
    }

    private ProviderUnavailableException unavailable(String method, String path, ProviderResponse response) {
        int status = response.status();
        String detail = switch (status) {
            case 401 -> "401 token refused, check guichet.sentry.token (SENTRY_TOKEN) (" + describe(response) + ")";
            case 403 -> "403 " + describe(response) + " (the token lacks a scope on organization " + organization
                    + ": member:write, team:write, org:read)";
            case 429 -> "429 rate limited" + retryAfter(response);
            default -> status + " " + describe(response);
        };
        return unavailable(method, path, detail);
    }

    private static ProviderUnavailableException unavailable(String method, String path, String detail) {
        int query = path.indexOf('?');
        return new ProviderUnavailableException(PROVIDER,
                method + " " + (query < 0 ? path : path.substring(0, query)) + ": " + detail);
    }

    /** {@code Retry-After} is in seconds. */
    private static String retryAfter(ProviderResponse response) {
        String header = response.header("Retry-After");
        if (header == null || header.isBlank()) {
            return ", no Retry-After";
        }
        try {
            return ", retry after " + Long.parseLong(header.trim()) + " s";
        } catch (NumberFormatException e) {
            return ", unreadable Retry-After";
        }
    }

    /**
     * Sentry's {@code detail}, else its field errors ({@code {"email":["…"]}}, {@code non_field_errors}), cut to a
     * readable length.
     */
    private String describe(ProviderResponse response) {
        JsonNode error = errorBody(response);
        String detail = error.path("detail").asText("");
        if (!detail.isBlank()) {
            return cut(detail);
        }
        if (error.isObject() && error.size() > 0) {
            var parts = new ArrayList<String>();
            error.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                String text = value.isArray() && value.size() > 0 ? value.get(0).asText() : value.asText();
                parts.add(field.getKey() + ": " + text);
            });
            return cut(String.join("; ", parts));
        }
        return error.isMissingNode() && !response.body().isBlank() ? "answer is not JSON" : "no message";
    }

    private String errorText(ProviderResponse response) {
        return errorBody(response).toString();
    }

    private JsonNode errorBody(ProviderResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private String cut(String text) {
        String safe = token == null || token.isBlank() ? text : text.replace(token, "(hidden)");
        return safe.length() <= MAX_DETAIL_LENGTH ? safe : safe.substring(0, MAX_DETAIL_LENGTH) + "…";
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
