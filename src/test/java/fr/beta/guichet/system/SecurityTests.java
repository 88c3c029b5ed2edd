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

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.Browser;

/** One login for the app and the Camunda webapps; {@code /engine-rest} needs credentials; authorizations are on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityTests {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;

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
        @SuppressWarnings("unchecked")
        var subdomains = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        starter.start(subdomains, new SubdomainRequest("sec" + System.nanoTime(), SubdomainRecordType.A, "192.0.2.1",
                300, "Autre startup", "Test"), "bob");
        starter.start(subdomains, new SubdomainRequest("secown" + System.nanoTime(), SubdomainRecordType.A,
                "192.0.2.2", 300, "Ma startup", "Test"), "alice");
        // her own: the running instances she was granted (her requests), whatever else she may have started
        var running = engine.getRuntimeService().createProcessInstanceQuery().list().stream()
                .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
        long own = engine.getAuthorizationService().createAuthorizationQuery().userIdIn("alice")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).list().stream()
                .filter(grant -> running.contains(grant.getResourceId())).count();
        long all = running.size();
        assertThat(own).isPositive();
        assertThat(all).isGreaterThan(own);

        // a requester reads her own instances only, whatever exists in the engine
        var asRequester = rest("/engine-rest/process-instance/count", "alice:demo");
        assertThat(asRequester.statusCode()).isEqualTo(200);
        assertThat(asRequester.body()).contains("\"count\":" + own);
        var asAdmin = rest("/engine-rest/process-instance/count", "admin:demo");
        assertThat(asAdmin.body()).contains("\"count\":" + all);
    }

    @Test
    void theAppLoginIsTheCamundaWebappsLogin() {
        Browser manon = new Browser(port).login("manon", "demo");
        assertThat(manon.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        var user = manon.getJson("/camunda/api/admin/auth/user/default");
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
        Browser alice = new Browser(port).login("alice", "demo");
        var forbidden = alice.get("/taches");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Vous n&#39;avez pas accès à cette page.").doesNotContain("Exception");
        var missing = alice.get("/mes-demandes/SUB-1999-0001");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page introuvable.").doesNotContain("Exception");
    }

    @Test
    void appPagesCarryAStrictContentSecurityPolicyAndFramingRules() {
        Browser alice = new Browser(port).login("alice", "demo");
        var page = alice.get("/mes-demandes");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'self'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        // plain HTTP here: HSTS is only sent over HTTPS
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(alice.get("/camunda/app/welcome/default/").headers().allValues("Content-Security-Policy"))
                .noneMatch(csp -> csp.equals(SecurityConfiguration.APP_CSP));
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
