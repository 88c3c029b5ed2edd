package fr.beta.guichet.provider.matomo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

class MatomoHttpClientTests {

    private static final String TOKEN = "fake0token0auth0c0ffee0123456789";

    private WireMockServer matomo;
    private MatomoHttpClient client;

    @BeforeEach
    void startMatomo() {
        matomo = new WireMockServer(options().dynamicPort());
        matomo.start();
        client = client(Duration.ofSeconds(5));
    }

    @AfterEach
    void everyCallWasAFormPostWithTheTokenInTheBodyOnly() {
        try {
            for (LoggedRequest request : requests()) {
                assertThat(request.getMethod().getName()).isEqualTo("POST");
                assertThat(request.getUrl()).as("no query string").isEqualTo("/matomo/index.php");
                assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
                Map<String, String> form = form(request);
                assertThat(form).containsEntry("module", "API").containsEntry("format", "JSON")
                        .containsEntry("token_auth", TOKEN).containsKey("method");
            }
        } finally {
            matomo.stop();
        }
    }

    @Test
    void userExistsPostsTheLoginAndReadsTheValue() {
        stub("UsersManager.userExists", okJson("{\"value\":true}"));

        assertThat(client.userExists("jean.dupont")).isTrue();

        assertThat(form(onlyRequest())).containsEntry("method", "UsersManager.userExists")
                .containsEntry("userLogin", "jean.dupont");
    }

    @Test
    void userExistsFalse() {
        stub("UsersManager.userExists", okJson("{\"value\":false}"));

        assertThat(client.userExists("personne")).isFalse();
    }

    @Test
    void loginForEmailReadsTheUserLogin() {
        stub("UsersManager.getUserByEmail", okJson("{\"login\":\"jean.dupont\",\"email\":\"jean.dupont@beta.gouv.fr\","
                + "\"superuser_access\":\"0\",\"date_registered\":\"2024-03-01 10:00:00\",\"uses_2fa\":false}"));

        assertThat(client.loginForEmail("jean.dupont@beta.gouv.fr")).contains("jean.dupont");

        assertThat(form(onlyRequest())).containsEntry("userEmail", "jean.dupont@beta.gouv.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"User 'x@beta.gouv.fr' doesn't exist.", "L'utilisateur 'x@beta.gouv.fr' est inexistant.",
            "User &#039;x@beta.gouv.fr&#039; doesn&#039;t exist."})
    void loginForUnknownEmailIsEmpty(String message) {
        stub("UsersManager.getUserByEmail", matomoError(message));

        assertThat(client.loginForEmail("x@beta.gouv.fr")).isEmpty();
    }

    @Test
    void inviteUserSendsLoginEmailInitialSiteAndExpiryButNoPassword() {
        stub("UsersManager.inviteUser", okJson("{\"result\":\"success\",\"message\":\"ok\"}"));

        client.inviteUser("jean.dupont", "jean.dupont+stats@beta.gouv.fr", 3);

        Map<String, String> form = form(onlyRequest());
        assertThat(form).containsEntry("method", "UsersManager.inviteUser")
                .containsEntry("userLogin", "jean.dupont")
                .containsEntry("email", "jean.dupont+stats@beta.gouv.fr")
                .containsEntry("initialIdSite", "3")
                .containsEntry("expiryInDays", "7")
                .doesNotContainKeys("password", "passwordConfirmation");
        assertThat(body(onlyRequest())).contains("email=jean.dupont%2Bstats%40beta.gouv.fr");
    }

    @Test
    void duplicateLoginIsRejectedWithMatomoMessage() {
        stub("UsersManager.inviteUser", matomoError("Username 'jean.dupont' already exists."));

        assertThatThrownBy(() -> client.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Username 'jean.dupont' already exists.")
                .satisfies(e -> assertThat(((ProviderRejectedException) e).provider()).isEqualTo("matomo"));
    }

    @Test
    void duplicateEmailIsRejected() {
        stub("UsersManager.inviteUser", matomoError("User with email 'jean.dupont@beta.gouv.fr' already exists."));

        assertThatThrownBy(() -> client.inviteUser("jdupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("User with email 'jean.dupont@beta.gouv.fr' already exists.");
    }

    @Test
    void inviteOnMatomoWithoutInviteUserIsUnavailable() {
        stub("UsersManager.inviteUser", matomoError(
                "The method 'inviteUser' does not exist or is not available in the module 'UsersManager'."));

        assertThatThrownBy(() -> client.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("UsersManager.inviteUser");
    }

    @Test
    void siteIdForUrlKeepsTheLowestId() {
        stub("SitesManager.getSitesIdFromSiteUrl", okJson("[{\"idsite\":\"12\"},{\"idsite\":\"3\"}]"));

        assertThat(client.siteIdForUrl("https://monsite.beta.gouv.fr")).contains(3);

        assertThat(form(onlyRequest())).containsEntry("url", "https://monsite.beta.gouv.fr");
    }

    @Test
    void siteIdForUnknownUrlIsEmpty() {
        stub("SitesManager.getSitesIdFromSiteUrl", okJson("[]"));

        assertThat(client.siteIdForUrl("https://inconnu.beta.gouv.fr")).isEmpty();
    }

    @Test
    void addSiteSendsTheFirstUrlAsAnArrayAndReturnsTheId() {
        stub("SitesManager.addSite", okJson("{\"value\":42}"));

        assertThat(client.addSite("Mon Site", "https://monsite.beta.gouv.fr/?a=1&b=2")).isEqualTo(42);

        assertThat(form(onlyRequest())).containsEntry("siteName", "Mon Site")
                .containsEntry("urls[0]", "https://monsite.beta.gouv.fr/?a=1&b=2");
        assertThat(body(onlyRequest())).contains("urls%5B0%5D=https%3A%2F%2Fmonsite.beta.gouv.fr%2F%3Fa%3D1%26b%3D2");
    }

    @Test
    void accessOfReadsTheRoleOfTheSiteAndIgnoresCapabilities() {
        stub("UsersManager.getSitesAccessFromUser", okJson("[{\"site\":\"1\",\"access\":\"admin\"},"
                + "{\"site\":\"3\",\"access\":\"tagmanager_write\"},{\"site\":\"3\",\"access\":\"view\"}]"));

        assertThat(client.accessOf("jean.dupont", 3)).contains(MatomoAccess.VIEW);

        assertThat(form(onlyRequest())).containsEntry("userLogin", "jean.dupont");
    }

    @Test
    void accessOfASiteWithoutRoleIsEmpty() {
        stub("UsersManager.getSitesAccessFromUser", okJson("[{\"site\":\"1\",\"access\":\"write\"}]"));

        assertThat(client.accessOf("jean.dupont", 3)).isEmpty();
    }

    @Test
    void accessOfAnUnknownUserIsEmpty() {
        stub("UsersManager.getSitesAccessFromUser", matomoError("User 'personne' doesn't exist."));

        assertThat(client.accessOf("personne", 3)).isEmpty();
    }

    @Test
    void setAccessSendsTheLowercaseRoleAndTheSite() {
        stub("UsersManager.setUserAccess", okJson("{\"result\":\"success\",\"message\":\"ok\"}"));

        client.setAccess("jean.dupont", MatomoAccess.ADMIN, 3);

        assertThat(form(onlyRequest())).containsEntry("method", "UsersManager.setUserAccess")
                .containsEntry("userLogin", "jean.dupont").containsEntry("access", "admin")
                .containsEntry("idSites", "3");
    }

    @Test
    void setAccessOfAnUnknownUserIsRejected() {
        stub("UsersManager.setUserAccess", matomoError("User 'personne' doesn't exist."));

        assertThatThrownBy(() -> client.setAccess("personne", MatomoAccess.VIEW, 3))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("User 'personne' doesn't exist.");
    }

    @Test
    void badTokenIsUnavailableAndTheEchoedTokenIsScrubbed() {
        stub("UsersManager.userExists", aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":\"error\",\"message\":\"You can't access this resource as it requires "
                        + "'superuser' access. (token_auth=" + TOKEN + ")\"}"));

        assertThatThrownBy(() -> client.userExists("jean.dupont"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("matomo: UsersManager.userExists: 401 You can't access this resource")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void serverErrorIsUnavailableWithoutTheHtmlPage() {
        stub("SitesManager.addSite", aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Fatal error in " + TOKEN + "</body></html>"));

        assertThatThrownBy(() -> client.addSite("Mon Site", "https://monsite.beta.gouv.fr"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("matomo: SitesManager.addSite: 500 (no Matomo message)");
    }

    @Test
    void tooManyRequestsIsUnavailable() {
        stub("UsersManager.userExists", aResponse().withStatus(429));

        assertThatThrownBy(() -> client.userExists("jean.dupont"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("429");
    }

    @Test
    void readTimeoutIsUnavailable() {
        stub("UsersManager.userExists", okJson("{\"value\":true}").withFixedDelay(1500));
        var impatient = client(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.userExists("jean.dupont"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("matomo: POST")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void malformedJsonIsUnavailable() {
        stub("SitesManager.getSitesIdFromSiteUrl", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[{\"idsite\":\"3\""));

        assertThatThrownBy(() -> client.siteIdForUrl("https://monsite.beta.gouv.fr"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("matomo: SitesManager.getSitesIdFromSiteUrl: unreadable answer: answer is not JSON");
    }

    @Test
    void unexpectedShapeIsUnavailable() {
        stub("SitesManager.addSite", okJson("{\"value\":\"not-a-number\"}"));

        assertThatThrownBy(() -> client.addSite("Mon Site", "https://monsite.beta.gouv.fr"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("matomo: SitesManager.addSite: unreadable answer");
    }

    @Test
    void removeAccessSendsNoaccessForTheSiteAndAnUnknownUserIsDone() {
        stub("UsersManager.setUserAccess", matomoError("User 'jean.dupont' doesn't exist."));

        client.removeAccess("jean.dupont", 3);

        assertThat(form(onlyRequest())).containsEntry("userLogin", "jean.dupont").containsEntry("access", "noaccess")
                .containsEntry("idSites", "3");
    }

    @Test
    void deleteUserRefusedByMatomoIsARejectionWithItsMessage() {
        stub("UsersManager.deleteUser", matomoError("Deleting this user is not possible because it is the only user"
                + " with Super User access."));

        assertThatThrownBy(() -> client.deleteUser("jean.dupont"))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("only user with Super User");
        assertThat(form(onlyRequest())).containsEntry("method", "UsersManager.deleteUser")
                .containsEntry("userLogin", "jean.dupont");
    }

    @Test
    void deleteUserOfAnUnknownLoginIsDone() {
        stub("UsersManager.deleteUser", matomoError("L'utilisateur 'jean.dupont' est inexistant."));

        client.deleteUser("jean.dupont");
    }

    @Test
    void liveClientNeedsBaseUrlAndToken() {
        var properties = new MatomoProperties(ProviderMode.LIVE, null, " ", null, null);
        var transport = new ConnectHttpTransport("matomo", Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> new MatomoHttpClient(properties, transport))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("guichet.matomo.base-url").hasMessageContaining("guichet.matomo.token");
    }

    private MatomoHttpClient client(Duration readTimeout) {
        var properties = new MatomoProperties(ProviderMode.LIVE, URI.create(matomo.baseUrl() + "/matomo/"), TOKEN,
                Duration.ofSeconds(2), readTimeout);
        var transport = new ConnectHttpTransport("matomo", properties.connectTimeout(), properties.readTimeout());
        return new MatomoHttpClient(properties, transport);
    }

    /** Answers the Matomo API method named in the form body, as Matomo routes it. */
    private void stub(String method, ResponseDefinitionBuilder response) {
        MappingBuilder mapping = post(urlEqualTo("/matomo/index.php"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("method=" + method + "&"));
        matomo.stubFor(mapping.willReturn(response));
    }

    /** Matomo's {@code plugins/API/Renderer/Json.php} error, sent with HTTP 200. */
    private static ResponseDefinitionBuilder matomoError(String message) {
        return okJson("{\"result\":\"error\",\"message\":\"" + message.replace("'", "\\u0027") + "\"}");
    }

    private List<LoggedRequest> requests() {
        return matomo.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).toList();
    }

    private LoggedRequest onlyRequest() {
        assertThat(requests()).hasSize(1);
        return requests().get(0);
    }

    private static String body(LoggedRequest request) {
        return new String(request.getBody(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(LoggedRequest request) {
        var form = new LinkedHashMap<String, String>();
        for (String pair : body(request).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            assertThat(form).as("field %s sent once", name).doesNotContainKey(name);
            form.put(name, value);
        }
        return form;
    }
}
