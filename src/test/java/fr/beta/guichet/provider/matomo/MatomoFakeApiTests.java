package fr.beta.guichet.provider.matomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

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
 * The live Matomo client against {@link MatomoFakeApi}, in process as in sandbox mode: what the former sandbox
 * port did, now through the client's own requests, parsing and error mapping; plus the revocations and the
 * token check.
 */
class MatomoFakeApiTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String TOKEN = "fake-api-token";

    private final InMemorySandboxStore store = new InMemorySandboxStore();
    private final MatomoFakeApi fake = new MatomoFakeApi(store, TOKEN, Clock.fixed(NOW, ZoneOffset.UTC));
    private final MatomoHttpClient matomo = client(TOKEN);

    private MatomoHttpClient client(String token) {
        var properties = new MatomoProperties(ProviderMode.LIVE, MatomoProperties.SANDBOX_BASE_URL, token, null, null);
        return new MatomoHttpClient(properties, new SandboxTransport("matomo", fake, store));
    }

    @Test
    void startsWithOneSiteAndOneAdmin() {
        assertThat(matomo.userExists(MatomoFakeApi.SEED_LOGIN)).isTrue();
        assertThat(matomo.loginForEmail(MatomoFakeApi.SEED_EMAIL)).contains(MatomoFakeApi.SEED_LOGIN);
        assertThat(matomo.accessOf(MatomoFakeApi.SEED_LOGIN, 1)).contains(MatomoAccess.ADMIN);
        assertThat(matomo.siteIdForUrl(MatomoFakeApi.SEED_SITE_URL)).contains(MatomoFakeApi.SEED_SITE_ID);
        assertThat(fake.sites()).containsExactly(new MatomoFakeApi.Site(1, "beta.gouv.fr", "https://beta.gouv.fr"));
        assertThat(fake.users()).containsExactly(new MatomoFakeApi.User(MatomoFakeApi.SEED_LOGIN,
                MatomoFakeApi.SEED_EMAIL, false, Map.of(1, "admin")));
    }

    @Test
    void invitedUserIsPendingWithViewOnTheInitialSite() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        assertThat(matomo.userExists("jean.dupont")).isTrue();
        assertThat(matomo.userExists("Jean.Dupont")).isTrue();
        assertThat(matomo.loginForEmail("Jean.Dupont@beta.gouv.fr")).contains("jean.dupont");
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.VIEW);
        assertThat(fake.users()).contains(new MatomoFakeApi.User("jean.dupont", "jean.dupont@beta.gouv.fr", true,
                Map.of(1, "view")));
        assertThat(store.find("matomo", "user", "jean.dupont")).get()
                .satisfies(d -> assertThat(d.body().get("inviteExpiresAt").asText())
                        .isEqualTo(NOW.plus(Duration.ofDays(7)).toString()));
    }

    @Test
    void unknownUserAndEmailAreAbsent() {
        assertThat(matomo.userExists("personne")).isFalse();
        assertThat(matomo.loginForEmail("personne@beta.gouv.fr")).isEmpty();
        assertThat(matomo.accessOf("personne", 1)).isEmpty();
    }

    @Test
    void duplicateLoginOrEmailIsRejectedWithMatomoMessages() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "autre@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Username 'jean.dupont' already exists.");
        assertThatThrownBy(() -> matomo.inviteUser("jdupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("User with email 'jean.dupont@beta.gouv.fr' already exists.");
        assertThat(fake.users()).hasSize(2);
    }

    @Test
    void invalidInvitationsAreRejected() {
        assertThatThrownBy(() -> matomo.inviteUser("jean dupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("login");
        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "pas-un-email", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("The email doesn't have a valid format.");
        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 99))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("website id was set to '99'");
        assertThat(matomo.userExists("jean.dupont")).isFalse();
    }

    @Test
    void sitesGetIncrementingIdsAndUrlsMatchLikeMatomo() {
        int first = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");
        int second = matomo.addSite("Mon Site bis", "https://monsite.beta.gouv.fr");

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(3);
        assertThat(matomo.siteIdForUrl("http://www.MonSite.beta.gouv.fr/")).contains(2);
        assertThat(matomo.siteIdForUrl("https://beta.gouv.fr")).contains(1);
        assertThat(matomo.siteIdForUrl("https://inconnu.beta.gouv.fr")).isEmpty();
        assertThat(fake.sites()).extracting(MatomoFakeApi.Site::name)
                .containsExactly("beta.gouv.fr", "Mon Site", "Mon Site bis");
    }

    @Test
    void invalidSitesAreRejected() {
        assertThatThrownBy(() -> matomo.addSite(" ", "https://monsite.beta.gouv.fr"))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("The website name can't be empty.");
        assertThatThrownBy(() -> matomo.addSite("Mon Site", "monsite"))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("The url 'monsite' is not valid.");
        assertThat(fake.sites()).hasSize(1);
    }

    @Test
    void setAccessReplacesTheRoleOnOneSite() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);
        int site = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");

        matomo.setAccess("jean.dupont", MatomoAccess.ADMIN, site);
        matomo.setAccess("jean.dupont", MatomoAccess.WRITE, 1);

        assertThat(matomo.accessOf("jean.dupont", site)).contains(MatomoAccess.ADMIN);
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.WRITE);
    }

    @Test
    void setAccessOfUnknownUserOrSiteIsRejected() {
        assertThatThrownBy(() -> matomo.setAccess("personne", MatomoAccess.VIEW, 1))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("User 'personne' doesn't exist.");
        assertThatThrownBy(() -> matomo.setAccess(MatomoFakeApi.SEED_LOGIN, MatomoAccess.VIEW, 42))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("website id was set to '42'");
        assertThat(matomo.accessOf(MatomoFakeApi.SEED_LOGIN, 1)).contains(MatomoAccess.ADMIN);
    }

    // ---- revocation ----

    @Test
    void removeAccessTakesTheRoleOnThatSiteOnlyAndIsIdempotent() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);
        int site = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");
        matomo.setAccess("jean.dupont", MatomoAccess.WRITE, site);

        matomo.removeAccess("jean.dupont", site);
        assertThat(matomo.accessOf("jean.dupont", site)).isEmpty();
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.VIEW);
        assertThat(matomo.userExists("jean.dupont")).isTrue();

        matomo.removeAccess("jean.dupont", site); // no access left: done
        matomo.removeAccess("jean.dupont", 42); // a site that does not exist: no access there either
        matomo.removeAccess("personne", site); // no account: no access
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.VIEW);
    }

    @Test
    void deleteUserRemovesTheAccountAndItsAccessesAndIsIdempotent() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        matomo.deleteUser("Jean.Dupont");
        assertThat(matomo.userExists("jean.dupont")).isFalse();
        assertThat(matomo.loginForEmail("jean.dupont@beta.gouv.fr")).isEmpty();
        assertThat(matomo.accessOf("jean.dupont", 1)).isEmpty();

        matomo.deleteUser("jean.dupont"); // already deleted: done
        assertThat(fake.users()).extracting(MatomoFakeApi.User::login).containsExactly(MatomoFakeApi.SEED_LOGIN);
        // the same address can be invited again afterwards
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);
        assertThat(matomo.userExists("jean.dupont")).isTrue();
    }

    // ---- Matomo's own checks ----

    @Test
    void wrongOrMissingTokenIsRefusedAs401AndIsATechnicalFailure() {
        assertThatThrownBy(() -> client("wrong-token").userExists("jean.dupont"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("401").hasMessageContaining("superuser");
        ProviderResponse anonymous = fake.handle(new ProviderRequest("POST", "https://matomo.sandbox.invalid/index.php",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "module=API&method=UsersManager.userExists&format=JSON&userLogin=x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"result\":\"error\"");
    }

    @Test
    void tokenInTheQueryStringIsNotAccepted() {
        ProviderResponse answer = fake.handle(new ProviderRequest("POST",
                "https://matomo.sandbox.invalid/index.php?token_auth=" + TOKEN,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "module=API&method=UsersManager.userExists&format=JSON&userLogin=x"));

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void unknownMethodIsAnOperatorProblem() {
        ProviderResponse answer = fake.handle(new ProviderRequest("POST", "https://matomo.sandbox.invalid/index.php",
                Map.of(), "module=API&method=UsersManager.inviteSomeone&format=JSON&token_auth=" + TOKEN));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("is not available in the module 'UsersManager'");
    }

    @Test
    void stateSurvivesANewFakeOnTheSameStore() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);
        int site = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");

        var restarted = new MatomoFakeApi(store, TOKEN, Clock.systemUTC());
        var properties = new MatomoProperties(ProviderMode.LIVE, MatomoProperties.SANDBOX_BASE_URL, TOKEN, null, null);
        var client = new MatomoHttpClient(properties, new SandboxTransport("matomo", restarted, store));

        assertThat(client.userExists("jean.dupont")).isTrue();
        assertThat(client.siteIdForUrl("https://monsite.beta.gouv.fr")).contains(site);
        assertThat(client.addSite("Autre", "https://autre.beta.gouv.fr")).isEqualTo(site + 1);
    }

    @Test
    void concurrentInvitationsOfTheSameLoginCreateOneUser() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                tasks.add(() -> {
                    try {
                        matomo.inviteUser("jean.dupont", "jean" + n + "@beta.gouv.fr", 1);
                        return true;
                    } catch (ProviderRejectedException e) {
                        return false;
                    }
                });
            }
            long created = pool.invokeAll(tasks).stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.users()).hasSize(2);
    }

    @Test
    void sandboxPageTablesListSitesAndUsers() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        assertThat(fake.sandboxTables()).extracting(t -> t.id()).containsExactly("matomo-sites", "matomo-users");
        assertThat(fake.sandboxTables().get(1).rows()).contains(
                java.util.List.of("jean.dupont", "jean.dupont@beta.gouv.fr", "02/03/2026 09:30", "1 → lecture"));
    }

    /** Over real HTTP through Camunda Connect: the fake reads what the client puts on the wire. */
    @Test
    void liveClientOverHttpThroughCamundaConnect() {
        var wireStore = new InMemorySandboxStore();
        var server = new FakeHttpServer(new MatomoFakeApi(wireStore, TOKEN, Clock.systemUTC()), wireStore,
                MatomoFakeApi.writes(), new ProviderResponse(429, "", Map.of()));
        try {
            var properties = new MatomoProperties(ProviderMode.LIVE, java.net.URI.create(server.baseUrl() + "/"),
                    TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(5));
            var client = new MatomoHttpClient(properties,
                    new ConnectHttpTransport("matomo", properties.connectTimeout(), properties.readTimeout()),
                    new ObjectMapper());

            int site = client.addSite("Mon Site", "https://monsite.beta.gouv.fr");
            client.inviteUser("jean.dupont+stats@beta.gouv.fr", "jean.dupont+stats@beta.gouv.fr", site);
            client.setAccess("jean.dupont+stats@beta.gouv.fr", MatomoAccess.ADMIN, site);

            assertThat(client.accessOf("jean.dupont+stats@beta.gouv.fr", site)).contains(MatomoAccess.ADMIN);
            assertThat(server.writeCalls()).isEqualTo(3);
            assertThat(server.received()).filteredOn(r -> !r.rawPath().contains("warm-up")).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.url()).doesNotContain("token_auth");
                assertThat(r.form()).containsEntry("token_auth", TOKEN);
            });
        } finally {
            server.stop();
        }
    }
}
