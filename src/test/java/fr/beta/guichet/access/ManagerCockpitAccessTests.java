package fr.beta.guichet.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Managers read every request in Cockpit and through {@code /engine-rest} (the API Cockpit's pages rest on),
 * and the engine refuses every change they try: Camunda authorizations grant them READ-type permissions only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ManagerCockpitAccessTests {

    private static final String MANAGER = "manon:demo";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;

    private ProcessInstance instance;

    @BeforeEach
    void someoneElsesRequest() {
        @SuppressWarnings("unchecked")
        var subdomains = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        String reference = starter.start(subdomains, new SubdomainRequest("mgr" + System.nanoTime(),
                SubdomainRecordType.A, "192.0.2.1", 300, "Startup", "Test"), "bob");
        instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
    }

    @Test
    void managersReadInstancesVariablesHistoryIncidentsTasksAndDeployments() throws Exception {
        long all = engine.getRuntimeService().createProcessInstanceQuery().count();
        assertThat(call("GET", "/engine-rest/process-instance/count", null).body()).contains("\"count\":" + all);
        var variables = call("GET", "/engine-rest/process-instance/" + instance.getId() + "/variables", null);
        assertThat(variables.statusCode()).isEqualTo(200);
        assertThat(variables.body()).contains("requester").contains("bob");
        assertThat(call("GET", "/engine-rest/history/process-instance?processInstanceId=" + instance.getId(), null)
                .body()).contains(instance.getId());
        assertThat(call("GET", "/engine-rest/history/activity-instance?processInstanceId=" + instance.getId(), null)
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/engine-rest/incident", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/engine-rest/job?processInstanceId=" + instance.getId(), null).body())
                .contains(instance.getId());
        assertThat(call("GET", "/engine-rest/deployment", null).body()).contains("\"id\"");
        assertThat(call("GET", "/engine-rest/process-definition?key=" + SubdomainProcess.KEY, null).body())
                .contains(SubdomainProcess.KEY);
    }

    @Test
    void managersCannotDeleteModifyOrActOnAnything() throws Exception {
        String id = instance.getId();
        assertThat(call("DELETE", "/engine-rest/process-instance/" + id, null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/engine-rest/process-instance/" + id + "/variables/requester",
                "{\"value\":\"manon\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/engine-rest/process-instance/" + id + "/suspended", "{\"suspended\":true}")
                .statusCode()).isEqualTo(403);
        var job = engine.getManagementService().createJobQuery().processInstanceId(id).list().get(0);
        assertThat(call("PUT", "/engine-rest/job/" + job.getId() + "/retries", "{\"retries\":0}").statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/engine-rest/deployment/"
                + engine.getRepositoryService().createDeploymentQuery().list().get(0).getId(), null).statusCode())
                .isEqualTo(403);

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).active().count())
                .isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(id, "requester")).isEqualTo("bob");
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isPositive();
    }

    @Test
    void managersOpenCockpitWithTheAppLogin() {
        Browser manon = new Browser(port).login("manon", "demo");
        assertThat(manon.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        var count = manon.getJson("/camunda/api/engine/engine/default/process-instance/count");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(count.body()).doesNotContain("\"count\":0");
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(MANAGER.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
