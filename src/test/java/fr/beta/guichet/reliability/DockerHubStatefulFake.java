package fr.beta.guichet.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Docker Hub API v2 for one organization: token exchange, one team, its members (a list, so that a duplicate is
 * counted) and pending invites (none here: the users asked for are organization members). The write is
 * {@code POST /v2/orgs/{org}/groups/{team}/members}, answered 200 without a body as documented. A 429 carries
 * {@code X-Retry-After} as a unix timestamp, as Docker Hub does.
 */
class DockerHubStatefulFake extends StatefulFake {

    static final String ORGANIZATION = "betagouv";
    static final String TEAM = "developers";
    static final String IDENTIFIER = "faults-bot";
    static final String SECRET = "dckr_pat_faults";
    static final String TOKEN = "faults-bearer-token";

    private static final String TEAM_PATH = "/v2/orgs/" + ORGANIZATION + "/groups/" + TEAM;

    private final List<String> members = new ArrayList<>();

    @Override
    protected void clearState() {
        members.clear();
    }

    @Override
    protected boolean isWrite(Call call) {
        return call.method().equals("POST") && call.path().equals(TEAM_PATH + "/members");
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        long reset = Instant.now().getEpochSecond() + 1;
        return json(429, Map.of("message", "rate limit exceeded", "errinfo", Map.of()))
                .withHeader("X-RateLimit-Limit", "180").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset))
                .withHeader("X-Retry-After", Long.toString(reset));
    }

    @Override
    synchronized Map<String, Integer> inventory() {
        var inventory = new LinkedHashMap<String, Integer>();
        inventory.put("team members", members.size());
        return inventory;
    }

    @Override
    protected ResponseDefinitionBuilder answer(Call call) {
        String path = call.path();
        if (path.equals("/v2/auth/token") && call.method().equals("POST")) {
            var body = call.json();
            return IDENTIFIER.equals(body.path("identifier").asText()) && SECRET.equals(body.path("secret").asText())
                    ? json(200, Map.of("access_token", TOKEN))
                    : json(401, Map.of("detail", "Incorrect authentication credentials"));
        }
        if (!("Bearer " + TOKEN).equals(call.request().getHeader("Authorization"))) {
            return json(401, Map.of("message", "unauthorized"));
        }
        if (path.equals(TEAM_PATH) && call.method().equals("GET")) {
            return json(200, Map.of("id", 1, "uuid", "team-uuid", "name", TEAM, "member_count", members.size()));
        }
        if (path.equals(TEAM_PATH + "/members")) {
            if (call.method().equals("POST")) {
                members.add(call.json().path("member").asText());
                return aResponse200();
            }
            String search = call.query().getOrDefault("search", "");
            var results = members.stream().filter(m -> m.contains(search)).map(m -> Map.of("username", m)).toList();
            var page = new LinkedHashMap<String, Object>();
            page.put("count", results.size());
            page.put("next", null);
            page.put("previous", null);
            page.put("results", results);
            return json(200, page);
        }
        if (path.equals("/v2/orgs/" + ORGANIZATION + "/invites")) {
            return json(200, Map.of("data", List.of()));
        }
        return json(404, Map.of("message", "not found"));
    }

    private static ResponseDefinitionBuilder aResponse200() {
        return new ResponseDefinitionBuilder().withStatus(200);
    }
}
