package fr.beta.guichet.provider.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxView;

/** What the fake checks and answers like Sentry: the token, the organization, errors, the sandbox page's tables. */
class SentryFakeApiTests {

    static final String BASE = "https://sentry.test/api/0/organizations/betagouv/";
    static final ObjectMapper JSON = new ObjectMapper();

    final InMemorySandboxStore store = new InMemorySandboxStore();
    final SentryFakeApi fake = new SentryFakeApi(store, "betagouv", "t0ken", 100, Clock.systemUTC());

    @Test
    void callsWithoutTheTokenOrForAnotherOrganizationAreRefusedAsSentryDoes() throws Exception {
        assertThat(call("GET", BASE + "members/", null, null)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(detail(r)).isEqualTo("Authentication credentials were not provided.");
        });
        assertThat(call("GET", BASE + "members/", "Bearer autre", null).status()).isEqualTo(401);
        assertThat(call("GET", "https://sentry.test/api/0/organizations/autre/members/", "Bearer t0ken", null)
                .status()).isEqualTo(404);
        assertThat(call("GET", BASE + "members/999/", "Bearer t0ken", null).status()).isEqualTo(404);
        assertThat(call("PATCH", BASE + "teams/", "Bearer t0ken", null).status()).isEqualTo(405);
    }

    @Test
    void listsCarryTheLinkHeaderOfTheOffsetPaginator() {
        ProviderResponse first = call("GET", BASE + "members/?per_page=100", "Bearer t0ken", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Link")).contains("rel=\"previous\"; results=\"false\"")
                .contains("rel=\"next\"; results=\"false\"; cursor=\"100:1:0\"");
        assertThat(call("GET", BASE + "members/?cursor=n'importe", "Bearer t0ken", null).status()).isEqualTo(400);
    }

    @Test
    void invitationOfAnEmailAlreadyThereAndTeamSlugInUseAreRefused() throws Exception {
        String invite = "{\"email\":\"" + SentryFakeApi.SEEDED_MEMBER + "\",\"orgRole\":\"member\",\"teamRoles\":[]}";
        ProviderResponse again = call("POST", BASE + "members/", "Bearer t0ken", invite);
        assertThat(again.status()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).path("email").get(0).asText()).contains("is already a member");

        String owner = "{\"email\":\"chef@example.org\",\"orgRole\":\"owner\"}";
        assertThat(call("POST", BASE + "members/", "Bearer t0ken", owner).status()).isEqualTo(400);
        String unknownTeam = "{\"email\":\"x@example.org\",\"orgRole\":\"member\","
                + "\"teamRoles\":[{\"teamSlug\":\"inconnue\",\"role\":\"admin\"}]}";
        assertThat(call("POST", BASE + "members/", "Bearer t0ken", unknownTeam).status()).isEqualTo(400);

        ProviderResponse conflict = call("POST", BASE + "teams/", "Bearer t0ken", "{\"slug\":\"demo\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(call("POST", BASE + "teams/", "Bearer t0ken", "{\"slug\":\"12345\"}").status()).isEqualTo(400);
        assertThat(call("POST", BASE + "teams/", "Bearer t0ken", "{\"slug\":\"" + "a".repeat(51) + "\"}").status())
                .isEqualTo(400);
    }

    @Test
    void membersAreListedWithoutTheirTeamsAndShownWithThemInDetail() throws Exception {
        JsonNode list = JSON.readTree(call("GET", BASE + "members/", "Bearer t0ken", null).body());
        JsonNode florian = list.get(0);
        assertThat(florian.path("email").asText()).isEqualTo(SentryFakeApi.SEEDED_MEMBER);
        assertThat(florian.has("teams")).isFalse();
        JsonNode detail = JSON.readTree(call("GET", BASE + "members/" + florian.path("id").asText() + "/",
                "Bearer t0ken", null).body());
        assertThat(detail.path("teams").get(0).asText()).isEqualTo(SentryFakeApi.SEEDED_TEAM);
        assertThat(detail.path("teamRoles").get(0).path("role").asText()).isEqualTo("admin");
    }

    @Test
    void stateIsKeptInTheStoreAndShownOnTheSandboxPage() {
        call("POST", BASE + "members/", "Bearer t0ken",
                "{\"email\":\"n@example.org\",\"orgRole\":\"member\",\"teamRoles\":[{\"teamSlug\":\"demo\",\"role\":null}]}");
        SentryFakeApi restarted = new SentryFakeApi(store, "betagouv", "t0ken", 100, Clock.systemUTC());

        assertThat(restarted.sandboxTables()).extracting(SandboxView.Table::id)
                .containsExactly("sentry-teams", "sentry-members");
        SandboxView.Table members = restarted.sandboxTables().get(1);
        assertThat(members.captionArgument()).isEqualTo("betagouv");
        assertThat(members.rows()).anySatisfy(row -> assertThat(row).containsSubsequence("n@example.org", "oui", "demo"));
        assertThat(restarted.sandboxTables().get(0).rows())
                .anySatisfy(row -> assertThat(row).containsExactly("demo", "n@example.org (contributeur)"));
    }

    private ProviderResponse call(String method, String url, String authorization, String body) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        return store.atomically(fake.api(), () -> fake.handle(new ProviderRequest(method, url, headers, body)));
    }

    private static String detail(ProviderResponse response) throws Exception {
        return JSON.readTree(response.body()).path("detail").asText();
    }
}
