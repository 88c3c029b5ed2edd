package fr.beta.guichet.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A standard provider (Keycloak, an incubator's own): userinfo as plain JSON, {@code family_name}, no level of
 * assurance asked — accepted, and its login page shows a plain button rather than ProConnect's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guichet.signin.scopes=openid,email,profile", "guichet.signin.acr-values=",
        "guichet.signin.userinfo-signed=false", "guichet.signin.provider-name=keycloak"})
@ActiveProfiles("test")
class PlainOpenIdProviderSignInTests {

    static final FakeOpenIdProvider PROVIDER = FakeOpenIdProvider.start(false);

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

    @Test
    void jsonUserinfoIsAcceptedAndTheAccountCreated() {
        PROVIDER.registerClient("http://localhost:" + port);
        PROVIDER.person("noor", Map.of("email", "noor.haddad@incubateur.example", "email_verified", true,
                "given_name", "Noor", "family_name", "Haddad"));
        OidcClient browser = new OidcClient(port);

        String login = browser.get("/login").body();
        assertThat(login).contains("id=\"oidc-login\"").doesNotContain("fr-connect--pro");

        var home = browser.signIn("noor", false);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/");
        var user = identityService.createUserQuery().userId("noor.haddad").singleResult();
        assertThat(user.getLastName()).isEqualTo("Haddad");
        assertThat(user.getEmail()).isEqualTo("noor.haddad@incubateur.example");
        assertThat(OidcClient.query("http://x/?" + PROVIDER.behaviour.authorizeQueries.get(0))).doesNotContainKey("claims");
    }
}
