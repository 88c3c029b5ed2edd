package fr.beta.guichet.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.access.AccessGroups;

/**
 * Signing in with a provider that behaves like ProConnect (a real Spring Authorization Server in-process): the
 * authorization request ProConnect accepts, the account made at the first login and updated at the next, platform
 * admins by email and the domain rule, Cockpit in the same session, logout at the provider — and each bad answer of
 * the provider turned into a French page, with no account made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guichet.signin.platform-admins=Chef.Plateforme@beta.gouv.fr",
        "guichet.signin.domain-groups=ministere.gouv.fr=managers"})
@ActiveProfiles("test")
class ProConnectSignInTests {

    static final FakeOpenIdProvider PROVIDER = FakeOpenIdProvider.start(true);

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("guichet.signin.issuer-uri", PROVIDER::issuer);
        registry.add("guichet.signin.client-id", () -> FakeOpenIdProvider.CLIENT_ID);
        registry.add("guichet.signin.client-secret", () -> FakeOpenIdProvider.CLIENT_SECRET);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @LocalServerPort int port;
    @Autowired IdentityService identityService;

    @BeforeEach
    void register() {
        PROVIDER.behaviour.reset();
        PROVIDER.registerClient("http://localhost:" + port);
    }

    @Test
    void theFirstLoginCreatesTheAccountAndLaterOnesUpdateIt() {
        PROVIDER.person("camille", FakeOpenIdProvider.agent("Camille.Durand@beta.gouv.fr", "Camille", "Durand"));
        OidcClient browser = new OidcClient(port);

        var home = browser.signIn("camille", false);

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/");
        var user = identityService.createUserQuery().userId("camille.durand").singleResult();
        assertThat(user).isNotNull();
        assertThat(user.getFirstName()).isEqualTo("Camille");
        assertThat(user.getLastName()).isEqualTo("Durand");
        assertThat(user.getEmail()).isEqualTo("camille.durand@beta.gouv.fr");
        // no password: a password login as this person is refused like any wrong password (no error page)
        OidcClient other = new OidcClient(port);
        var login = other.post("/login", Map.of("username", "camille.durand", "password", "",
                "_csrf", OidcClient.csrf(other.get("/login").body())));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(home.body()).contains("camille.durand");

        // what ProConnect accepts: only the parameters it knows, long state and nonce, acr in claims, secret posted
        Map<String, String> authorize = OidcClient.query("http://x/?" + PROVIDER.behaviour.authorizeQueries.get(0));
        assertThat(authorize.keySet()).containsExactlyInAnyOrder("response_type", "client_id", "scope", "state",
                "redirect_uri", "nonce", "claims");
        assertThat(authorize.get("state")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(authorize.get("nonce")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(authorize.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "email", "given_name",
                "usual_name", "uid", "siret", "idp_id");
        assertThat(authorize.get("claims")).isEqualTo("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"eidas1\"]}}}");
        assertThat(authorize.get("redirect_uri")).isEqualTo("http://localhost:" + port + "/login/oauth2/code/oidc");
        assertThat(PROVIDER.behaviour.tokenRequestAuth).containsOnly("post");

        // a later login with another usual name updates the account, same id
        PROVIDER.person("camille2", Map.of("email", "camille.durand@beta.gouv.fr", "given_name", "Camille",
                "usual_name", "Martin-Durand"));
        assertThat(new OidcClient(port).signIn("camille2", false).statusCode()).isEqualTo(200);
        assertThat(identityService.createUserQuery().userId("camille.durand").singleResult().getLastName())
                .isEqualTo("Martin-Durand");
        assertThat(identityService.createUserQuery().userEmail("camille.durand@beta.gouv.fr").count()).isEqualTo(1);
    }

    @Test
    void anotherEmailWithTheSameLocalPartGetsItsOwnStableId() {
        PROVIDER.person("dom1", FakeOpenIdProvider.agent("dominique@beta.gouv.fr", "Dominique", "Un"));
        PROVIDER.person("dom2", FakeOpenIdProvider.agent("dominique@ademe.fr", "Dominique", "Deux"));
        new OidcClient(port).signIn("dom1", false);
        new OidcClient(port).signIn("dom2", false);
        new OidcClient(port).signIn("dom2", false);

        assertThat(identityService.createUserQuery().userId("dominique").singleResult().getEmail())
                .isEqualTo("dominique@beta.gouv.fr");
        String second = "dominique-" + PeopleAccounts.hash("dominique@ademe.fr");
        assertThat(identityService.createUserQuery().userId(second).singleResult().getLastName()).isEqualTo("Deux");
        assertThat(identityService.createUserQuery().userEmail("dominique@ademe.fr").count()).isEqualTo(1);
    }

    @Test
    void platformAdminsByEmailAndTheDomainRuleGiveGroups() {
        PROVIDER.person("chef", FakeOpenIdProvider.agent("chef.plateforme@beta.gouv.fr", "Chef", "Plateforme"));
        PROVIDER.person("manager", FakeOpenIdProvider.agent("lea.manager@ministere.gouv.fr", "Léa", "Manager"));
        new OidcClient(port).signIn("chef", false);
        OidcClient manager = new OidcClient(port);
        manager.signIn("manager", false);

        assertThat(identityService.createGroupQuery().groupMember("chef.plateforme").groupId(AccessGroups.PLATFORM_ADMINS)
                .count()).isEqualTo(1);
        assertThat(identityService.createGroupQuery().groupMember("lea.manager").groupId(AccessGroups.MANAGERS)
                .count()).isEqualTo(1);
        // the same session opens Cockpit, as a manager
        assertThat(manager.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        var camundaUser = manager.getJson("/camunda/api/admin/auth/user/default");
        assertThat(camundaUser.statusCode()).isEqualTo(200);
        assertThat(camundaUser.body()).contains("\"userId\":\"lea.manager\"").contains("cockpit");
        assertThat(manager.get("/metriques").statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionHereAndAtTheProvider() {
        PROVIDER.person("sacha", FakeOpenIdProvider.agent("sacha@beta.gouv.fr", "Sacha", "Petit"));
        OidcClient browser = new OidcClient(port);
        String home = browser.signIn("sacha", false).body();

        var logout = browser.post("/logout", Map.of("_csrf", OidcClient.csrf(home)));
        String endSession = logout.headers().firstValue("Location").orElseThrow();
        assertThat(endSession).startsWith(PROVIDER.issuer() + "/connect/logout?");
        Map<String, String> query = OidcClient.query(endSession);
        assertThat(query.keySet()).containsExactlyInAnyOrder("id_token_hint", "state", "post_logout_redirect_uri");
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(query.get("post_logout_redirect_uri")).isEqualTo("http://localhost:" + port + "/login?logout");

        var back = browser.follow(logout);
        // back with the provider's answer to our state
        assertThat(back.uri().toString()).startsWith("http://localhost:" + port + "/login?logout&state=" + query.get("state"));
        assertThat(back.body()).contains("Vous êtes déconnecté");
        // signed out here: the app asks for a login again
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    // --- each bad answer of the provider: a French page, no account, never a 500

    @Test
    void aWrongStateIsRefused() {
        PROVIDER.person("state", FakeOpenIdProvider.agent("mauvais.state@beta.gouv.fr", "A", "B"));
        OidcClient browser = new OidcClient(port);
        browser.signIn("state", true);
        String forged = browser.callback.replaceAll("state=[^&]+", "state=" + AuthorizationRequests.random());
        assertRefused(browser, browser.follow(browser.get(forged)), "state", "mauvais.state@beta.gouv.fr");
    }

    @Test
    void aWrongNonceIsRefused() {
        PROVIDER.person("nonce", FakeOpenIdProvider.agent("mauvais.nonce@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.wrongNonce = AuthorizationRequests.random();
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("nonce", false), "token", "mauvais.nonce@beta.gouv.fr");
    }

    @Test
    void anExpiredCodeIsRefused() {
        PROVIDER.person("expired", FakeOpenIdProvider.agent("code.expire@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.codesExpired = true;
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("expired", false), "code", "code.expire@beta.gouv.fr");
    }

    @Test
    void aReplayedCodeIsRefused() {
        PROVIDER.person("replay", FakeOpenIdProvider.agent("code.rejoue@beta.gouv.fr", "A", "B"));
        OidcClient first = new OidcClient(port);
        first.signIn("replay", true);
        String used = first.callback;
        first.follow(first.get(used));
        identityService.deleteUser("code.rejoue");
        // the same code again, in a sign-in of its own (its state is valid, the code is spent)
        OidcClient second = new OidcClient(port);
        second.signIn("replay", true);
        String replayed = second.callback.replaceAll("code=[^&]+", OidcClient.query(used).entrySet().stream()
                .filter(e -> e.getKey().equals("code")).map(e -> "code=" + java.net.URLEncoder.encode(e.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow());
        assertRefused(second, second.follow(second.get(replayed)), "code", "code.rejoue@beta.gouv.fr");
    }

    @Test
    void userinfoSignedWithAnUnknownKeyIsRefused() {
        PROVIDER.person("stranger", FakeOpenIdProvider.agent("cle.inconnue@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.userinfoSignedWithUnknownKey = true;
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("stranger", false), "userinfo", "cle.inconnue@beta.gouv.fr");
    }

    @Test
    void userinfoNotSignedIsRefused() {
        PROVIDER.person("unsigned", FakeOpenIdProvider.agent("non.signe@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.userinfoUnsigned = true;
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("unsigned", false), "userinfo", "non.signe@beta.gouv.fr");
    }

    @Test
    void userinfoAsPlainJsonIsRefusedWhereItMustBeSigned() {
        PROVIDER.person("json", FakeOpenIdProvider.agent("en.json@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.userinfoAsJson = true;
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("json", false), "userinfo", "en.json@beta.gouv.fr");
    }

    @Test
    void aMissingEmailIsRefused() {
        var claims = FakeOpenIdProvider.agent("x@beta.gouv.fr", "Sans", "Email");
        claims.remove("email");
        PROVIDER.person("noemail", claims);
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("noemail", false), "email", null);
        assertThat(identityService.createUserQuery().userLastName("Email").count()).isZero();
    }

    @Test
    void anUnverifiedEmailIsRefused() {
        var claims = FakeOpenIdProvider.agent("non.verifie@beta.gouv.fr", "A", "B");
        claims.put("email_verified", false);
        PROVIDER.person("unverified", claims);
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("unverified", false), "email", "non.verifie@beta.gouv.fr");
    }

    @Test
    void anAcrBelowTheRequiredOneIsRefused() {
        PROVIDER.person("lowacr", FakeOpenIdProvider.agent("acr.faible@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.acr = "https://proconnect.gouv.fr/assurance/self-asserted";
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("lowacr", false), "acr", "acr.faible@beta.gouv.fr");
    }

    @Test
    void aProviderDownAtTheTokenEndpointIsAPageNotA500() {
        PROVIDER.person("down", FakeOpenIdProvider.agent("fournisseur.hs@beta.gouv.fr", "A", "B"));
        PROVIDER.behaviour.tokenEndpointDown = true;
        OidcClient browser = new OidcClient(port);
        assertRefused(browser, browser.signIn("down", false), "unavailable", "fournisseur.hs@beta.gouv.fr");
    }

    private void assertRefused(OidcClient browser, java.net.http.HttpResponse<String> page, String reason, String email) {
        assertThat(page.uri().getPath()).isEqualTo("/connexion/erreur");
        assertThat(page.statusCode()).isIn(401, 503);
        assertThat(page.body()).contains("La connexion n’a pas abouti", "Aucun compte n’a été créé")
                .contains("data-reason=\"" + reason + "\"");
        if (email != null) {
            assertThat(identityService.createUserQuery().userEmail(email).count()).as("no account").isZero();
        }
        // not signed in
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }
}
