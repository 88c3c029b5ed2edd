package fr.beta.guichet.provider.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.support.FakeHttpServer;

/**
 * The live Docker Hub client against {@link DockerHubFakeApi}, in process as in sandbox mode: what the former
 * sandbox port did, now through the client's token exchange, pagination and error mapping; plus the revocations.
 */
class DockerHubFakeApiTests {

    private static final String ORGANIZATION = "betagouv";
    private static final String IDENTIFIER = "guichetbot";
    private static final String SECRET = "dckr_pat_fake";
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    private final InMemorySandboxStore store = new InMemorySandboxStore();
    private final MutableClock clock = new MutableClock(NOW);
    private final DockerHubFakeApi fake = new DockerHubFakeApi(store, ORGANIZATION, IDENTIFIER, SECRET, clock);
    private final DockerHubApiClient dockerHub = client(IDENTIFIER, SECRET);

    private DockerHubApiClient client(String identifier, String secret) {
        var properties = new DockerHubProperties(ProviderMode.LIVE, DockerHubProperties.SANDBOX_BASE_URL, ORGANIZATION,
                identifier, secret, null, null);
        return new DockerHubApiClient(properties, new SandboxTransport("dockerhub", fake, store), new ObjectMapper(),
                clock);
    }

    @Test
    void startsWithTheSeedTeamsAndMembers() {
        assertThat(dockerHub.teamExists("Developers")).isTrue();
        assertThat(dockerHub.teamExists("ghosts")).isFalse();
        assertThat(dockerHub.isMember("owners", "florian")).isTrue();
        assertThat(dockerHub.isMember("developers", "totakoko")).isTrue();
        assertThat(fake.teams()).containsExactly("developers", "owners");
        assertThat(fake.organizationMembers()).containsExactly("florian", "totakoko");
        assertThat(fake.invites()).isEmpty();
    }

    @Test
    void organizationMemberIsAddedToTheTeam() {
        assertThat(dockerHub.addMember("developers", "florian")).isEqualTo(MembershipResult.ADDED);

        assertThat(dockerHub.isMember("developers", "Florian")).isTrue();
        assertThat(fake.members("developers")).containsExactly("florian", "totakoko");
        assertThat(fake.invites()).isEmpty();
    }

    @Test
    void teamMemberIsLeftAlone() {
        assertThat(dockerHub.addMember("developers", "TotaKoko")).isEqualTo(MembershipResult.ALREADY_MEMBER);
        assertThat(fake.members("developers")).containsExactly("totakoko");
    }

    @Test
    void userOutsideTheOrganizationIsInvitedOnce() {
        assertThat(dockerHub.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);
        assertThat(dockerHub.addMember("Developers", "Jeanne")).isEqualTo(MembershipResult.INVITED);

        assertThat(dockerHub.isMember("developers", "jeanne")).isFalse();
        assertThat(dockerHub.hasPendingInvite("developers", "JEANNE")).isTrue();
        assertThat(dockerHub.hasPendingInvite("owners", "jeanne")).isFalse();
        assertThat(fake.invites()).singleElement().satisfies(i -> {
            assertThat(i.invitee()).isEqualTo("jeanne");
            assertThat(i.team()).isEqualTo("developers");
            assertThat(i.createdAt()).isEqualTo(NOW);
        });
    }

    @Test
    void acceptedInvitationMakesTheUserATeamMember() {
        dockerHub.addMember("developers", "jeanne");

        assertThat(fake.acceptInvite("jeanne")).isTrue();

        assertThat(dockerHub.isMember("developers", "jeanne")).isTrue();
        assertThat(fake.organizationMembers()).contains("jeanne");
        assertThat(dockerHub.hasPendingInvite("developers", "jeanne")).isFalse();
        assertThat(dockerHub.addMember("developers", "jeanne")).isEqualTo(MembershipResult.ALREADY_MEMBER);
        assertThat(dockerHub.addMember("owners", "jeanne")).isEqualTo(MembershipResult.ADDED);
        assertThat(fake.acceptInvite("jeanne")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "jean.dupont", "jean_dupont", "jean-dupont", "a234567890123456789012345678901"})
    void invalidDockerIdIsRejectedLikeDockerHub(String dockerId) {
        assertThatThrownBy(() -> dockerHub.addMember("developers", dockerId))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Docker Hub refused invitee " + dockerId + ": invalid_email_or_docker_id");
        assertThat(fake.invites()).isEmpty();
    }

    @Test
    void longestValidDockerIdIsInvited() {
        assertThat(dockerHub.addMember("developers", "a23456789012345678901234567890"))
                .isEqualTo(MembershipResult.INVITED);
    }

    @Test
    void unknownTeamIsRejectedLikeDockerHub() {
        assertThatThrownBy(() -> dockerHub.addMember("ghosts", "florian"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 team ghosts not found in Docker Hub organization betagouv (group not found)");
        assertThatThrownBy(() -> dockerHub.isMember("ghosts", "florian"))
                .isInstanceOf(ProviderRejectedException.class);
    }

    @Test
    void membersAreReadPageByPage() {
        for (int i = 0; i < DockerHubApiClient.PAGE_SIZE + 5; i++) {
            String id = "user%04d".formatted(i);
            dockerHub.addMember("developers", id);
            fake.acceptInvite(id);
        }
        assertThat(dockerHub.isMember("developers", "user0104")).isTrue();
        // every one of the 105 names contains "user": the client reads both pages before answering no
        assertThat(dockerHub.isMember("developers", "user")).isFalse();
        ProviderResponse first = fake.handle(signed("GET",
                "/v2/orgs/betagouv/groups/developers/members?search=user&page=1&page_size=100"));
        JsonNode page = read(first);
        assertThat(page.get("count").asInt()).isEqualTo(105);
        assertThat(page.get("results")).hasSize(100);
        assertThat(page.get("next").asText()).endsWith("page=2&page_size=100");
        JsonNode second = read(fake.handle(signed("GET", URI.create(page.get("next").asText()).getRawPath() + "?"
                + URI.create(page.get("next").asText()).getRawQuery())));
        assertThat(second.get("results")).hasSize(5);
        assertThat(second.get("next").isNull()).isTrue();
    }

    // ---- revocation ----

    @Test
    void removeMemberTakesThePersonOutOfThatTeamOnlyAndIsIdempotent() {
        dockerHub.addMember("developers", "florian");

        dockerHub.removeMember("developers", "Florian");
        assertThat(dockerHub.isMember("developers", "florian")).isFalse();
        assertThat(dockerHub.isMember("owners", "florian")).isTrue();
        assertThat(fake.organizationMembers()).contains("florian");

        dockerHub.removeMember("developers", "florian"); // not a member any more: done
        dockerHub.removeMember("developers", "jeanne"); // never was: done
        assertThat(fake.members("developers")).containsExactly("totakoko");
    }

    @Test
    void removeMemberOfATeamThatIsGoneIsDone() {
        dockerHub.removeMember("ghosts", "florian");

        assertThat(dockerHub.teamExists("ghosts")).isFalse();
        assertThat(dockerHub.isMember("owners", "florian")).isTrue();
    }

    @Test
    void cancelInviteDeletesThePendingInvitationOfThatTeamOnlyAndIsIdempotent() {
        dockerHub.addMember("developers", "jeanne");
        dockerHub.addMember("owners", "jeanne");

        dockerHub.cancelInvite("Developers", "Jeanne");
        assertThat(dockerHub.hasPendingInvite("developers", "jeanne")).isFalse();
        assertThat(dockerHub.hasPendingInvite("owners", "jeanne")).isTrue();

        dockerHub.cancelInvite("developers", "jeanne"); // none left: done
        dockerHub.cancelInvite("developers", "personne"); // never invited: done
        assertThat(fake.invites()).extracting(DockerHubFakeApi.Invite::team).containsExactly("owners");
        // the person can be invited again afterwards
        assertThat(dockerHub.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);
    }

    @Test
    void invitationAlreadyDeletedIsDone() {
        dockerHub.addMember("developers", "jeanne");
        String id = fake.invites().get(0).id();
        assertThat(fake.handle(signed("DELETE", "/v2/invites/" + id)).status()).isEqualTo(204);
        assertThat(fake.handle(signed("DELETE", "/v2/invites/" + id)).status()).isEqualTo(404);

        dockerHub.cancelInvite("developers", "jeanne");
        assertThat(fake.invites()).isEmpty();
    }

    // ---- Docker Hub's own checks ----

    @Test
    void refusedCredentialsAreATechnicalFailure() {
        assertThatThrownBy(() -> client(IDENTIFIER, "dckr_pat_wrong").teamExists("developers"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("401 credentials refused").hasMessageNotContaining("dckr_pat_wrong");
    }

    @Test
    void callsWithoutAValidUnexpiredTokenAre401() {
        var unsigned = new ProviderRequest("GET", DockerHubProperties.SANDBOX_BASE_URL + "/v2/orgs/betagouv/groups/owners",
                Map.of(), null);
        assertThat(fake.handle(unsigned).status()).isEqualTo(401);
        var forged = new ProviderRequest("GET", unsigned.url(), Map.of("Authorization", "Bearer sbx.eA.abc"), null);
        assertThat(fake.handle(forged).status()).isEqualTo(401);

        ProviderRequest valid = signed("GET", "/v2/orgs/betagouv/groups/owners");
        assertThat(fake.handle(valid).status()).isEqualTo(200);
        assertThat(dockerHub.teamExists("owners")).isTrue();
        clock.advance(DockerHubApi.TOKEN_LIFETIME.plusSeconds(1));
        assertThat(fake.handle(valid).status()).isEqualTo(401);
        // the client replaced its token before it expired
        assertThat(dockerHub.teamExists("owners")).isTrue();
    }

    @Test
    void anotherOrganizationIsForbidden() {
        ProviderResponse answer = fake.handle(signed("GET", "/v2/orgs/docker/groups/owners"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("permission denied");
    }

    @Test
    void stateSurvivesANewFakeOnTheSameStoreAndTokensStayValid() {
        dockerHub.addMember("developers", "jeanne");

        var restarted = new DockerHubFakeApi(store, ORGANIZATION, IDENTIFIER, SECRET, clock);
        var properties = new DockerHubProperties(ProviderMode.LIVE, DockerHubProperties.SANDBOX_BASE_URL, ORGANIZATION,
                IDENTIFIER, SECRET, null, null);
        var client = new DockerHubApiClient(properties, new SandboxTransport("dockerhub", restarted, store),
                new ObjectMapper(), clock);

        assertThat(client.hasPendingInvite("developers", "jeanne")).isTrue();
        assertThat(restarted.handle(signed("GET", "/v2/orgs/betagouv/invites")).status()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsForTheSameUserInviteOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<MembershipResult>>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> dockerHub.addMember("developers", "jeanne"));
            }
            for (Future<MembershipResult> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(MembershipResult.INVITED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.invites()).hasSize(1);
    }

    @Test
    void sandboxPageTablesListTeamsMembersAndInvitations() {
        dockerHub.addMember("developers", "jeanne");

        var tables = new DockerHubFakeApi(store, ORGANIZATION, IDENTIFIER, SECRET,
                Clock.fixed(NOW, ZoneId.of("Europe/Paris"))).sandboxTables();
        assertThat(tables).extracting(t -> t.id()).containsExactly("docker-teams", "docker-members", "docker-invites");
        assertThat(tables).allSatisfy(t -> assertThat(t.captionArgument()).isEqualTo(ORGANIZATION));
        assertThat(tables.get(0).rows()).containsExactly(List.of("developers", "totakoko"), List.of("owners", "florian"));
        assertThat(tables.get(2).rows()).containsExactly(List.of("jeanne", "developers", "02/03/2026 11:15"));
    }

    /** Over real HTTP through Camunda Connect: the fake reads what the client puts on the wire. */
    @Test
    void liveClientOverHttpThroughCamundaConnect() {
        var wireStore = new InMemorySandboxStore();
        var server = new FakeHttpServer(new DockerHubFakeApi(wireStore, ORGANIZATION, IDENTIFIER, SECRET,
                Clock.systemUTC()), wireStore, DockerHubFakeApi.writes(), new ProviderResponse(429, "", Map.of()));
        try {
            var properties = new DockerHubProperties(ProviderMode.LIVE, URI.create(server.baseUrl()), ORGANIZATION,
                    IDENTIFIER, SECRET, Duration.ofSeconds(2), Duration.ofSeconds(5));
            var client = new DockerHubApiClient(properties, new ConnectHttpTransport("dockerhub",
                    properties.connectTimeout(), properties.readTimeout()));

            assertThat(client.addMember("developers", "florian")).isEqualTo(MembershipResult.ADDED);
            assertThat(client.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);
            client.removeMember("developers", "florian");
            client.cancelInvite("developers", "jeanne");

            assertThat(client.isMember("developers", "florian")).isFalse();
            assertThat(client.hasPendingInvite("developers", "jeanne")).isFalse();
            // add, refused add, invite, remove, cancel
            assertThat(server.writeCalls()).isEqualTo(5);
            assertThat(server.received()).filteredOn(r -> !r.rawPath().equals("/v2/auth/token") && !r.rawPath().contains("warm-up"))
                    .allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer sbx."));
        } finally {
            server.stop();
        }
    }

    private ProviderRequest signed(String method, String pathAndQuery) {
        ProviderResponse token = fake.handle(new ProviderRequest("POST",
                DockerHubProperties.SANDBOX_BASE_URL + "/v2/auth/token", Map.of("Content-Type", "application/json"),
                "{\"identifier\":\"" + IDENTIFIER + "\",\"secret\":\"" + SECRET + "\"}"));
        return new ProviderRequest(method, DockerHubProperties.SANDBOX_BASE_URL + pathAndQuery,
                Map.of("Authorization", "Bearer " + read(token).get("access_token").asText()), null);
    }

    private static JsonNode read(ProviderResponse response) {
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
