package fr.beta.guichet.provider.dockerhub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

class DockerHubApiClientTests {

    private static final String IDENTIFIER = "guichetbot";
    private static final String SECRET = "dckr_pat_fakeSecret0123456789";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.first.token";
    private static final String SECOND_TOKEN = "eyJhbGciOiJSUzI1NiJ9.second.token";
    private static final String TOKEN_PATH = "/v2/auth/token";
    private static final String DEVELOPERS = "/v2/orgs/betagouv/groups/developers";
    private static final String MEMBERS = DEVELOPERS + "/members";
    private static final String INVITES = "/v2/orgs/betagouv/invites";
    private static final String BULK = "/v2/invites/bulk";
    private static final String NO_MEMBERS = "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}";
    private static final String NO_INVITES = "{\"data\":[]}";

    private WireMockServer server;
    private MutableClock clock;
    private DockerHubApiClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        client = client(Duration.ofSeconds(5));
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\"}")).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"" + SECOND_TOKEN + "\"}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private DockerHubApiClient client(Duration readTimeout) {
        var properties = new DockerHubProperties(ProviderMode.LIVE, URI.create(server.baseUrl() + "/"), "betagouv",
                IDENTIFIER, SECRET, Duration.ofSeconds(2), readTimeout);
        var transport = new ConnectHttpTransport(DockerHubApiClient.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new DockerHubApiClient(properties, transport, new ObjectMapper(), clock);
    }

    @Test
    void tokenIsAskedWithIdentifierAndSecretThenSentAsBearer() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(group("developers"))));

        assertThat(client.teamExists("developers")).isTrue();

        server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"identifier\":\"guichetbot\",\"secret\":\"" + SECRET + "\"}")));
        server.verify(getRequestedFor(urlEqualTo(DEVELOPERS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void tokenIsCachedAndReplacedOneMinuteBeforeItsTenMinutesAreUp() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(okJson(group("developers"))));

        client.teamExists("developers");
        clock.advance(Duration.ofMinutes(8).plusSeconds(59));
        client.teamExists("developers");
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(1));
        client.teamExists("developers");
        client.teamExists("developers");

        server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        server.verify(2, getRequestedFor(urlEqualTo(DEVELOPERS)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
        server.verify(2, getRequestedFor(urlEqualTo(DEVELOPERS)).withHeader("Authorization",
                equalTo("Bearer " + SECOND_TOKEN)));
    }

    @Test
    void revokedTokenIsReplacedOnceOnA401AndTheCallRepeated() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(error(401, "unauthorized")));
        server.stubFor(get(urlEqualTo(DEVELOPERS)).withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN))
                .willReturn(okJson(group("developers"))));

        assertThat(client.teamExists("developers")).isTrue();

        server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void persistent401IsUnavailableAfterOneRetry() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(error(401, "unauthorized")));

        assertThatThrownBy(() -> client.teamExists("developers"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: GET " + DEVELOPERS + ": 401 unauthorized");
        server.verify(2, getRequestedFor(urlEqualTo(DEVELOPERS)));
    }

    @Test
    void teamExistsOrNot() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(okJson(group("developers"))));
        server.stubFor(get(urlEqualTo("/v2/orgs/betagouv/groups/ghosts")).willReturn(error(404, "not found")));

        assertThat(client.teamExists("developers")).isTrue();
        assertThat(client.teamExists("ghosts")).isFalse();
    }

    @Test
    void isMemberSearchesEveryPageForTheExactUsernameIgnoringCase() {
        server.stubFor(get(urlEqualTo(MEMBERS + "?search=jeanne&page=1&page_size=100"))
                .willReturn(okJson(members("http://next/page2", "jeannette", "jeanne2"))));
        server.stubFor(get(urlEqualTo(MEMBERS + "?search=jeanne&page=2&page_size=100"))
                .willReturn(okJson(members(null, "Jeanne"))));
        server.stubFor(get(urlEqualTo(MEMBERS + "?search=jean&page=1&page_size=100"))
                .willReturn(okJson(members(null, "jeannette", "jeanne"))));

        assertThat(client.isMember("developers", "jeanne")).isTrue();
        assertThat(client.isMember("developers", "jean")).isFalse();
        server.verify(2, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("search", equalTo("jeanne")));
    }

    @Test
    void isMemberOfUnknownTeamIsRejected() {
        server.stubFor(get(urlPathEqualTo("/v2/orgs/betagouv/groups/ghosts/members"))
                .willReturn(error(404, "not found")));

        assertThatThrownBy(() -> client.isMember("ghosts", "jeanne"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 team ghosts not found in Docker Hub organization betagouv (not found)");
    }

    @Test
    void organizationMemberIsAddedToTheTeam() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(aResponse().withStatus(200)));

        assertThat(client.addMember("developers", "florian")).isEqualTo(MembershipResult.ADDED);

        server.verify(postRequestedFor(urlEqualTo(MEMBERS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(bodyOf(MEMBERS)).isEqualTo("{\"member\":\"florian\"}");
        server.verify(0, postRequestedFor(urlEqualTo(BULK)));
    }

    @Test
    void teamMemberIsLeftAlone() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(members(null, "totakoko"))));

        assertThat(client.addMember("developers", "TotaKoko")).isEqualTo(MembershipResult.ALREADY_MEMBER);

        server.verify(0, postRequestedFor(urlEqualTo(MEMBERS)));
    }

    /** Docker Hub's refusal for a user outside the organization is undocumented: each likely shape leads to an invite. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | User is not a member of the organization",
            "404 | not found",
            "404 | User not found",
            "409 | user must be invited to the organization first"})
    void userOutsideTheOrganizationIsInvitedToTheTeam(int status, String message) {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(status, message)));
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson(NO_INVITES)));
        server.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody(bulkAnswer("jeanne", "invited"))));

        assertThat(client.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);

        assertThat(bodyOf(BULK)).isEqualTo("{\"org\":\"betagouv\",\"team\":\"developers\",\"role\":\"member\","
                + "\"invitees\":[\"jeanne\"],\"dry_run\":false}");
        server.verify(postRequestedFor(urlEqualTo(BULK)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void pendingInvitationIsNotSentAgain() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(404, "not found")));
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson("{\"data\":["
                + invite("jeanne", "owners") + "," + invite("Jeanne", "developers") + "]}")));

        assertThat(client.hasPendingInvite("developers", "jeanne")).isTrue();
        assertThat(client.hasPendingInvite("developers", "paul")).isFalse();
        assertThat(client.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);

        server.verify(0, postRequestedFor(urlEqualTo(BULK)));
    }

    @Test
    void invalidDockerIdIsRejected() {
        stubRefusedAddAndBulkAnswer("jean.dupont", "invalid_email_or_docker_id");

        assertThatThrownBy(() -> client.addMember("developers", "jean.dupont"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Docker Hub refused invitee jean.dupont: invalid_email_or_docker_id")
                .satisfies(e -> assertThat(((ProviderRejectedException) e).provider()).isEqualTo("dockerhub"));
    }

    @Test
    void existingOrganizationMemberFoundInTheTeamAfterTheInviteIsAdded() {
        stubRefusedAddAndBulkAnswer("jeanne", "existing_org_member");
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("members").whenScenarioStateIs(STARTED)
                .willReturn(okJson(NO_MEMBERS)).willSetStateTo("joined"));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("members").whenScenarioStateIs("joined")
                .willReturn(okJson(members(null, "jeanne"))));

        assertThat(client.addMember("developers", "jeanne")).isEqualTo(MembershipResult.ADDED);
    }

    @Test
    void existingOrganizationMemberStillOutsideTheTeamIsRejected() {
        stubRefusedAddAndBulkAnswer("jeanne", "existing_org_member");

        assertThatThrownBy(() -> client.addMember("developers", "jeanne"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("jeanne is already in Docker Hub organization betagouv but could not be added to team "
                        + "developers: User is not a member of the organization");
    }

    @Test
    void unknownTeamOnWriteIsRejected() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(404, "group not found")));

        assertThatThrownBy(() -> client.addMember("developers", "florian"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 team developers not found in Docker Hub organization betagouv (group not found)");
        server.verify(0, postRequestedFor(urlEqualTo(BULK)));
    }

    @Test
    void otherRefusalOfTheInviteIsRejected() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(404, "not found")));
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson(NO_INVITES)));
        server.stubFor(post(urlEqualTo(BULK)).willReturn(error(400, "seat limit reached")));

        assertThatThrownBy(() -> client.addMember("developers", "jeanne"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 seat limit reached");
    }

    @Test
    void permissionDeniedOnWriteIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(403, "permission denied")));

        assertThatThrownBy(() -> client.addMember("developers", "florian"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: POST " + MEMBERS + ": 403 permission denied (the token lacks a permission"
                        + " on organization betagouv)");
    }

    @Test
    void rateLimitIsUnavailableWithTheTimeToRetry() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(error(429, "too many requests")
                .withHeader("X-Retry-After", "1772445900")));

        assertThatThrownBy(() -> client.isMember("developers", "jeanne"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: GET " + MEMBERS + ": 429 rate limited, retry after 1772445900 "
                        + "(2026-03-02T10:05:00Z)");
    }

    @Test
    void serverErrorIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(500, "internal error")));

        assertThatThrownBy(() -> client.addMember("developers", "florian"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: POST " + MEMBERS + ": 500 internal error");
    }

    @Test
    void refusedCredentialsAreUnavailableWithoutTheSecret() {
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(1)
                .willReturn(error(401, "Incorrect authentication credentials for " + SECRET)));

        assertThatThrownBy(() -> client.teamExists("developers"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: POST /v2/auth/token: 401 credentials refused, check "
                        + "guichet.dockerhub.identifier and guichet.dockerhub.secret (Incorrect authentication "
                        + "credentials for (hidden))");
        server.verify(0, getRequestedFor(urlEqualTo(DEVELOPERS)));
    }

    @Test
    void tokenAnswerWithoutAccessTokenIsUnavailable() {
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(1).willReturn(okJson("{\"token\":\"x\"}")));

        assertThatThrownBy(() -> client.teamExists("developers"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: POST /v2/auth/token: 200 answer has no access_token");
    }

    @Test
    void readTimeoutIsUnavailable() {
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(okJson(group("developers")).withFixedDelay(1500)));
        var impatient = client(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.teamExists("developers"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("dockerhub: GET " + server.baseUrl() + DEVELOPERS + " failed: ")
                .hasMessageContaining("Timeout");
    }

    @Test
    void malformedJsonIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[")));

        assertThatThrownBy(() -> client.isMember("developers", "jeanne"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: GET " + MEMBERS + ": 200 answer is not JSON");
    }

    @Test
    void secretAndTokenEchoedByDockerHubNeverReachMessages() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(502, "bad gateway for Bearer " + TOKEN
                + " identifier=" + IDENTIFIER + " secret=" + SECRET)));

        assertThatThrownBy(() -> client.addMember("developers", "florian"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("dockerhub: POST " + MEMBERS + ": 502 bad gateway for Bearer (hidden) identifier="
                        + IDENTIFIER + " secret=(hidden)")
                .message().doesNotContain(SECRET, TOKEN);
    }

    @Test
    void propertiesNeverPrintTheSecret() {
        var properties = new DockerHubProperties(ProviderMode.LIVE, null, "betagouv", IDENTIFIER, SECRET, null,
                null);

        assertThat(properties.toString()).doesNotContain(SECRET).contains("secret=(set)")
                .contains("baseUrl=https://hub.docker.com");
        assertThat(client.toString()).doesNotContain(SECRET);
    }

    @Test
    void removeMemberDeletesTheMembershipAndA404ForANonMemberIsDone() {
        server.stubFor(delete(urlEqualTo(MEMBERS + "/jeanne")).willReturn(aResponse().withStatus(204)));
        server.stubFor(delete(urlEqualTo(MEMBERS + "/paul")).willReturn(error(404, "not found")));
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(okJson(group("developers"))));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(members(null, "totakoko"))));

        client.removeMember("developers", "jeanne");
        client.removeMember("developers", "paul");

        server.verify(1, deleteRequestedFor(urlEqualTo(MEMBERS + "/jeanne"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void removeMemberRefusedForSomeoneStillInTheTeamIsRejectedAndPermissionDeniedIsUnavailable() {
        server.stubFor(delete(urlEqualTo(MEMBERS + "/totakoko")).willReturn(error(409, "last owner")));
        server.stubFor(delete(urlEqualTo(MEMBERS + "/paul")).willReturn(error(403, "permission denied")));
        server.stubFor(get(urlEqualTo(DEVELOPERS)).willReturn(okJson(group("developers"))));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(members(null, "totakoko"))));

        assertThatThrownBy(() -> client.removeMember("developers", "totakoko"))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("409 last owner");
        assertThatThrownBy(() -> client.removeMember("developers", "paul"))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("403");
    }

    @Test
    void cancelInviteDeletesEveryPendingInvitationOfThatInviteeToThatTeam() {
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson("{\"data\":[" + invite("jeanne", "developers")
                + "," + invite("jeanne", "owners").replace("e36eeb2b", "0f00") + "]}")));
        server.stubFor(delete(urlEqualTo("/v2/invites/e36eeb2b")).willReturn(aResponse().withStatus(204)));

        client.cancelInvite("developers", "Jeanne");
        client.cancelInvite("developers", "paul");

        server.verify(1, deleteRequestedFor(urlEqualTo("/v2/invites/e36eeb2b")));
        server.verify(0, deleteRequestedFor(urlEqualTo("/v2/invites/0f00")));
    }

    @Test
    void cancelInviteServerErrorIsUnavailable() {
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson("{\"data\":[" + invite("jeanne", "developers")
                + "]}")));
        server.stubFor(delete(urlEqualTo("/v2/invites/e36eeb2b")).willReturn(error(500, "oops")));

        assertThatThrownBy(() -> client.cancelInvite("developers", "jeanne"))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("500");
    }

    private void stubRefusedAddAndBulkAnswer(String invitee, String status) {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(NO_MEMBERS)));
        server.stubFor(post(urlEqualTo(MEMBERS)).willReturn(error(400, "User is not a member of the organization")));
        server.stubFor(get(urlEqualTo(INVITES)).willReturn(okJson(NO_INVITES)));
        server.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(bulkAnswer(invitee, status))));
    }

    private String bodyOf(String path) {
        var requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        return new String(requests.get(0).getBody(), StandardCharsets.UTF_8);
    }

    private static ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"errinfo\":null,\"message\":\"" + message + "\"}");
    }

    private static String group(String name) {
        return "{\"id\":10,\"uuid\":\"3f1c\",\"name\":\"" + name + "\",\"description\":\"\",\"member_count\":2}";
    }

    private static String members(String next, String... usernames) {
        var results = new StringBuilder();
        for (String username : usernames) {
            results.append(results.isEmpty() ? "" : ",").append("{\"id\":\"0ab7\",\"username\":\"")
                    .append(username).append("\",\"type\":\"User\"}");
        }
        return "{\"count\":" + usernames.length + ",\"next\":" + (next == null ? "null" : "\"" + next + "\"")
                + ",\"previous\":null,\"results\":[" + results + "]}";
    }

    private static String invite(String invitee, String team) {
        return "{\"id\":\"e36eeb2b\",\"inviter_username\":\"florian\",\"invitee\":\"" + invitee
                + "\",\"org\":\"betagouv\",\"team\":\"" + team + "\",\"created_at\":\"2026-03-01T09:00:00Z\"}";
    }

    private static String bulkAnswer(String invitee, String status) {
        String invite = "invited".equals(status) ? invite(invitee, "developers") : "null";
        return "{\"invitees\":[{\"invitee\":\"" + invitee + "\",\"status\":\"" + status + "\",\"invite\":" + invite
                + "}]}";
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
