package fr.beta.guichet.provider.dockerhub;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * {@link DockerHubClient} over the Docker Hub API v2, through {@link HttpTransport} (authentication and
 * error reading in {@link DockerHubApi}), answers read with Jackson.
 * <p>
 * <b>Adding a member.</b> {@code POST /v2/orgs/{org}/groups/{team}/members} only works for users already in the
 * organization. Docker Hub's answer for anyone else is not documented (unverified): a 404 that does
 * not name the team, or a 400/409 whose message says the user is not a member or is unknown, is taken as "must be
 * invited", and the user is invited through {@code POST /v2/invites/bulk} unless an invitation is already pending.
 * <p>
 * <b>Failures.</b>
 * <ul>
 *   <li>{@link ProviderRejectedException} (the request cannot be done as asked): unknown team on a write, an
 *   invitee Docker Hub calls {@code invalid_email_or_docker_id}, any other 400/404/409 on a write.</li>
 *   <li>{@link ProviderUnavailableException}: credentials refused by {@code /v2/auth/token}, 401 even with a fresh
 *   token, 403 (the token lacks a permission: an operator must act), 429 (with the {@code X-Retry-After} time),
 *   5xx, any unexpected status, I/O errors and unreadable answers. The secret and the token never appear in
 *   messages.</li>
 * </ul>
 */
public class DockerHubApiClient implements DockerHubClient {

    static final String PROVIDER = DockerHubApi.PROVIDER;
    static final int PAGE_SIZE = 100;
    /** Guard against a server that always announces a next page. */
    static final int MAX_PAGES = 50;

    /**
     * How a refusal to add a user to a team might read when the user is not in the organization or is unknown.
     * Docker Hub's wording is not documented: kept broad on purpose.
     */
    private static final Pattern NOT_AN_ORG_MEMBER = Pattern.compile(
            "not (?:a |an )?(?:org(?:anization)? )?member|not part of|not in (?:the |this )?org|not belong"
                    + "|no such user|unknown user|user (?:not found|does not exist|doesn't exist)|invit",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTIONS_TEAM = Pattern.compile("\\b(?:group|team)s?\\b",
            Pattern.CASE_INSENSITIVE);

    private final DockerHubApi api;
    private final String organization;

    public DockerHubApiClient(DockerHubProperties properties, HttpTransport transport, ObjectMapper mapper,
            Clock clock) {
        this.api = new DockerHubApi(properties, transport, mapper, clock);
        this.organization = properties.organization();
    }

    public DockerHubApiClient(DockerHubProperties properties, HttpTransport transport) {
        this(properties, transport, new ObjectMapper(), Clock.systemUTC());
    }

    @Override
    public boolean teamExists(String team) {
        String path = groupPath(team);
        ProviderResponse response = api.call("GET", path, Map.of(), null);
        if (response.status() == 404) {
            return false;
        }
        if (!response.isSuccess()) {
            throw api.unavailable("GET", path, response);
        }
        api.parse("GET", path, response);
        return true;
    }

    @Override
    public boolean isMember(String team, String dockerId) {
        requireText(dockerId, "dockerId");
        String path = groupPath(team) + "/members";
        for (int page = 1; page <= MAX_PAGES; page++) {
            var query = new LinkedHashMap<String, String>();
            query.put("search", dockerId);
            query.put("page", Integer.toString(page));
            query.put("page_size", Integer.toString(PAGE_SIZE));
            ProviderResponse response = api.call("GET", path, query, null);
            if (response.status() == 404) {
                throw teamNotFound(organization, team, api.describe(response));
            }
            if (!response.isSuccess()) {
                throw api.unavailable("GET", path, response);
            }
            JsonNode body = api.parse("GET", path, response);
            JsonNode results = body.path("results");
            if (!results.isArray()) {
                throw DockerHubApi.unavailable("GET", path, response.status() + " answer has no results list");
            }
            for (JsonNode member : results) {
                if (dockerId.equalsIgnoreCase(member.path("username").asText())) {
                    return true;
                }
            }
            JsonNode next = body.path("next");
            if (next.isMissingNode() || next.isNull() || next.asText().isBlank() || results.isEmpty()) {
                return false;
            }
        }
        throw DockerHubApi.unavailable("GET", path, "more than " + MAX_PAGES + " pages of members");
    }

    @Override
    public boolean hasPendingInvite(String team, String invitee) {
        return !pendingInvites(team, invitee).isEmpty();
    }

    /** The pending invitations of {@code invitee} (Docker ID or email) to {@code team}. */
    private List<JsonNode> pendingInvites(String team, String invitee) {
        requireText(team, "team");
        requireText(invitee, "invitee");
        String path = "/v2/orgs/" + DockerHubApi.segment(organization) + "/invites";
        ProviderResponse response = api.call("GET", path, Map.of(), null);
        if (!response.isSuccess()) {
            throw api.unavailable("GET", path, response);
        }
        JsonNode body = api.parse("GET", path, response);
        // Documented as {"data":[invite]}; "results" and a bare list are accepted too.
        JsonNode invites = body.isArray() ? body : body.has("data") ? body.get("data") : body.path("results");
        if (!invites.isArray()) {
            throw DockerHubApi.unavailable("GET", path,
                    response.status() + " answer has no list of invites");
        }
        var found = new java.util.ArrayList<JsonNode>();
        for (JsonNode invite : invites) {
            if (invitee.equalsIgnoreCase(invite.path("invitee").asText())
                    && team.equalsIgnoreCase(invite.path("team").asText())) {
                found.add(invite);
            }
        }
        return found;
    }

    @Override
    public void removeMember(String team, String dockerId) {
        requireText(dockerId, "dockerId");
        String path = groupPath(team) + "/members/" + DockerHubApi.segment(dockerId);
        ProviderResponse response = api.call("DELETE", path, Map.of(), null);
        if (response.isSuccess()) {
            return;
        }
        int status = response.status();
        // Docker Hub's answer for a non-member is not documented: read back. A team that is gone holds nobody.
        if ((status == 400 || status == 404 || status == 409)
                && (!teamExists(team) || !isMember(team, dockerId))) {
            return;
        }
        throw api.writeFailure("DELETE", path, response);
    }

    @Override
    public void cancelInvite(String team, String invitee) {
        for (JsonNode invite : pendingInvites(team, invitee)) {
            String id = invite.path("id").asText("");
            if (id.isBlank()) {
                throw DockerHubApi.unavailable("GET", "/v2/orgs/" + organization + "/invites",
                        "an invitation has no id");
            }
            String path = "/v2/invites/" + DockerHubApi.segment(id);
            ProviderResponse response = api.call("DELETE", path, Map.of(), null);
            // 404: cancelled or accepted meanwhile
            if (!response.isSuccess() && response.status() != 404) {
                throw api.writeFailure("DELETE", path, response);
            }
        }
    }

    @Override
    public MembershipResult addMember(String team, String dockerId) {
        requireText(dockerId, "dockerId");
        if (isMember(team, dockerId)) {
            return MembershipResult.ALREADY_MEMBER;
        }
        String path = groupPath(team) + "/members";
        ProviderResponse response = api.call("POST", path, Map.of(), Map.of("member", dockerId));
        if (response.isSuccess()) {
            return MembershipResult.ADDED;
        }
        if (mustBeInvited(response)) {
            return invite(team, dockerId, api.describe(response));
        }
        if (response.status() == 404) {
            throw teamNotFound(organization, team, api.describe(response));
        }
        throw api.writeFailure("POST", path, response);
    }

    /** A refusal to add that means the user has to join the organization first (see the class comment). */
    private boolean mustBeInvited(ProviderResponse response) {
        String text = api.errorText(response);
        return switch (response.status()) {
            // isMember just found the team, so a 404 is about the user, unless the message says otherwise.
            case 404 -> !MENTIONS_TEAM.matcher(text).find() || NOT_AN_ORG_MEMBER.matcher(text).find();
            case 400, 409 -> NOT_AN_ORG_MEMBER.matcher(text).find();
            default -> false;
        };
    }

    private MembershipResult invite(String team, String dockerId, String refusal) {
        if (hasPendingInvite(team, dockerId)) {
            return MembershipResult.INVITED;
        }
        String path = "/v2/invites/bulk";
        var body = new LinkedHashMap<String, Object>();
        body.put("org", organization);
        body.put("team", team);
        body.put("role", "member");
        body.put("invitees", List.of(dockerId));
        body.put("dry_run", false);
        ProviderResponse response = api.call("POST", path, Map.of(), body);
        if (!response.isSuccess()) {
            throw api.writeFailure("POST", path, response);
        }
        JsonNode invitees = api.parse("POST", path, response).path("invitees");
        JsonNode result = MissingNode.getInstance();
        for (JsonNode invitee : invitees) {
            if (result.isMissingNode() || dockerId.equalsIgnoreCase(invitee.path("invitee").asText())) {
                result = invitee;
            }
        }
        String status = result.path("status").asText();
        return switch (status) {
            case "invited" -> MembershipResult.INVITED;
            // Docker Hub says the user is in the organization after all: the add may have raced with them joining.
            case "existing_org_member" -> {
                if (isMember(team, dockerId)) {
                    yield MembershipResult.ADDED;
                }
                throw new ProviderRejectedException(PROVIDER, dockerId + " is already in Docker Hub organization "
                        + organization + " but could not be added to team " + team + ": " + refusal);
            }
            case "invalid_email_or_docker_id" -> throw invalidInvitee(dockerId);
            default -> throw DockerHubApi.unavailable("POST", path, response.status() + " unexpected invite status '"
                    + api.safe(status) + "'");
        };
    }

    static ProviderRejectedException teamNotFound(String organization, String team, String detail) {
        return new ProviderRejectedException(PROVIDER,
                "404 team " + team + " not found in Docker Hub organization " + organization + " (" + detail + ")");
    }

    static ProviderRejectedException invalidInvitee(String invitee) {
        return new ProviderRejectedException(PROVIDER,
                "Docker Hub refused invitee " + invitee + ": invalid_email_or_docker_id");
    }

    private String groupPath(String team) {
        requireText(team, "team");
        return "/v2/orgs/" + DockerHubApi.segment(organization) + "/groups/" + DockerHubApi.segment(team);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

}
