package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import fr.beta.guichet.support.Browser;

/** One login for the app and the Camunda webapps; {@code /engine-rest} needs credentials; authorizations are on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityTests {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    @Test
    void camundaAuthorizationChecksAreEnabled() {
        assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
    }

    @Test
    void engineRestRefusesAnonymousCallsAndAcceptsBasicCredentials() throws Exception {
        assertThat(rest("/engine-rest/engine", null).statusCode()).isEqualTo(401);
        assertThat(rest("/engine-rest/process-definition", "guillett:wrong").statusCode()).isEqualTo(401);
        assertThat(rest("/engine-rest/process-definition", "admin:demo").statusCode()).isEqualTo(200);
    }

    @Test
    void engineRestAppliesCamundaAuthorizationsToTheCaller() throws Exception {
        // a requester has no right to read other people's process instances
        var asRequester = rest("/engine-rest/process-instance/count", "alice:demo");
        assertThat(asRequester.statusCode()).isEqualTo(200);
        assertThat(asRequester.body()).contains("\"count\":0");
    }

    @Test
    void theAppLoginIsTheCamundaWebappsLogin() {
        Browser manon = new Browser(port).login("manon", "demo");
        assertThat(manon.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        var user = manon.get("/camunda/api/admin/auth/user/default");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("\"userId\":\"manon\"").contains("cockpit");
    }

    @Test
    void anonymousVisitorsGetTheLoginPageNotTheApp() {
        Browser anonymous = new Browser(port);
        var home = anonymous.get("/mes-demandes");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(anonymous.get("/login").body()).contains("Connexion");
    }

    @Test
    void requestersCannotOpenTheAdminTaskList() {
        assertThat(new Browser(port).login("alice", "demo").get("/taches").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> rest(String path, String credentials) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
