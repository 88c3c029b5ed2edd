package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.Browser;
import fr.beta.guichet.support.JobDriver;

/**
 * Who may see what, over real HTTP: each page and each {@code /engine-rest} endpoint the app relies on, for an
 * anonymous visitor, the requester who owns a request, another requester, an admin of the request's group, an admin
 * of another group, a manager and the platform admin. Every cell is asserted; the table is printed on failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(JobDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    private static final List<String> ROLES = List.of("anonymous", "alice", "bob", "florian", "jerome", "manon", "admin");

    @LocalServerPort int port;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JobDriver jobs;

    String reference;
    String processInstanceId;
    String taskId;

    @BeforeAll
    void aliceHasARequestWaitingForOvhAdmins() {
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        reference = starter.start(type, new SubdomainRequest("authz" + UUID.randomUUID().toString().substring(0, 6),
                SubdomainRecordType.A, "192.0.2.9", 300, "Démo", "Matrice"), "alice");
        processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();
        jobs.runDueJobs(processInstanceId);
        taskId = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    }

    /** Expected status per role, in the order of {@link #ROLES}; 302 means "sent to the login page". */
    private Map<String, int[]> pages() {
        return Map.ofEntries(
                Map.entry("/", new int[] {302, 200, 200, 200, 200, 200, 200}),
                Map.entry("/mes-demandes", new int[] {302, 200, 200, 200, 200, 200, 200}),
                Map.entry("/mes-demandes/" + reference, new int[] {302, 200, 404, 404, 404, 404, 404}),
                Map.entry("/demandes/sous-domaine", new int[] {302, 200, 200, 200, 200, 200, 200}),
                Map.entry("/taches", new int[] {302, 403, 403, 200, 200, 403, 403}),
                Map.entry("/taches/" + taskId, new int[] {302, 403, 403, 200, 302, 403, 403}),
                Map.entry("/metriques", new int[] {302, 403, 403, 403, 403, 200, 200}),
                Map.entry("/qui-a-acces", new int[] {302, 200, 200, 200, 200, 200, 200}),
                Map.entry("/bac-a-sable", new int[] {302, 200, 200, 200, 200, 200, 200}));
        // /actuator/prometheus (scraper content types, bearer token) has its own table in PrometheusEndpointTests
    }

    /** Basic-auth calls; each role sees only what Camunda's authorizations grant. */
    private Map<String, int[]> engineRest() {
        return Map.ofEntries(
                Map.entry("/engine-rest/process-instance/" + processInstanceId, new int[] {401, 200, 404, 200, 404, 200, 200}),
                Map.entry("/engine-rest/task/" + taskId, new int[] {401, 404, 404, 200, 404, 200, 200}),
                Map.entry("/engine-rest/process-definition/key/request-subdomain", new int[] {401, 200, 200, 200, 200, 200, 200}),
                Map.entry("/engine-rest/user", new int[] {401, 200, 200, 200, 200, 200, 200}));
    }

    @Test
    void everyRoleGetsWhatItMayAndNothingElse() {
        List<String> mismatches = new ArrayList<>();
        for (int r = 0; r < ROLES.size(); r++) {
            String role = ROLES.get(r);
            Browser browser = new Browser(port);
            if (!"anonymous".equals(role)) {
                browser.login(role, "demo");
            }
            for (var page : pages().entrySet()) {
                int status = browser.get(page.getKey()).statusCode();
                check(mismatches, role, page.getKey(), page.getValue()[r], status);
            }
            for (var endpoint : engineRest().entrySet()) {
                int status = basic(endpoint.getKey(), "anonymous".equals(role) ? null : role + ":demo").statusCode();
                check(mismatches, role, endpoint.getKey(), endpoint.getValue()[r], status);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() {
        Browser alice = new Browser(port).login("alice", "demo");
        alice.page("/demandes/sous-domaine");
        var response = alice.postWithoutCsrfToken("/demandes/sous-domaine", Map.of("label", "csrf", "recordType", "A",
                "target", "192.0.2.1", "ttl", "300", "startup", "x", "reason", "y"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(alice.postWithoutCsrfToken("/mes-demandes/" + reference + "/annuler", Map.of()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void requestersCannotReadOrChangeEachOthersInstancesThroughTheApi() {
        assertThat(basic("/engine-rest/process-instance/" + processInstanceId + "/variables", "bob:demo").statusCode())
                .isIn(403, 404);
        var deleteAsBob = send(HttpRequest.newBuilder(url("/engine-rest/process-instance/" + processInstanceId))
                .header("Authorization", basicHeader("bob:demo")).DELETE().build());
        assertThat(deleteAsBob.statusCode()).isIn(403, 404);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count()).isOne();
    }

    private static void check(List<String> mismatches, String role, String path, int expected, int actual) {
        if (expected != actual) {
            mismatches.add("%s %s: expected %d, got %d".formatted(role, path, expected, actual));
        }
    }

    private HttpResponse<String> basic(String path, String credentials) {
        var request = HttpRequest.newBuilder(url(path)).header("Accept", "application/json").GET();
        if (credentials != null) {
            request.header("Authorization", basicHeader(credentials));
        }
        return send(request.build());
    }

    private static String basicHeader(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
