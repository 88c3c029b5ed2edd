package fr.beta.guichet.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every lifecycle path of {@code request-dockerhub} with the live client against the sandbox's
 * {@link DockerHubFakeApi}, plus member vs invite. Refusals and outages are answered by {@link FaultyTransport}
 * around the fake.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class DockerHubProcessTests extends RequestLifecycleTests<DockerHubRequest> {

    private static final String TEAM = "developers";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Autowired DockerHubRequestType dockerHubRequests;
    @Autowired DockerHubClient dockerHub;
    @Autowired ProviderTransports transports;
    @Autowired FaultyTransport faults;

    @AfterEach
    void disarmFaults() {
        faults.reset();
    }

    private DockerHubFakeApi fake() {
        return transports.sandboxFakes().stream().filter(DockerHubFakeApi.class::isInstance)
                .map(DockerHubFakeApi.class::cast).findFirst().orElseThrow();
    }

    @Override
    protected RequestType<DockerHubRequest> type() {
        return dockerHubRequests;
    }

    @Override
    protected DockerHubRequest newRequest() {
        return new DockerHubRequest("dev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), TEAM,
                "Startup", "Publier nos images");
    }

    @Override
    protected DockerHubRequest refusedRequest() {
        return new DockerHubRequest("florian", "inexistante", "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "L'équipe « inexistante » n'existe pas";
    }

    @Override
    protected void occupyAtProvider(DockerHubRequest request) {
        // Docker Hub refuses this ID (account closed since the check): invalid_email_or_docker_id
        faults.answerNext("dockerhub", r -> r.rawPath().equals("/v2/invites/bulk") && r.body().contains(request.dockerId()),
                r -> new ProviderResponse(202, "{\"invitees\":[{\"invitee\":\"" + request.dockerId()
                        + "\",\"status\":\"invalid_email_or_docker_id\",\"invite\":null}]}", JSON),
                Integer.MAX_VALUE);
    }

    @Override
    protected void createAtProviderAsRequested(DockerHubRequest request, String reference) {
        dockerHub.addMember(request.team(), request.dockerId());
    }

    @Override
    protected void breakProvider() {
        faults.answerNext("dockerhub", DockerHubFakeApi.writes(), r -> new ProviderResponse(503,
                "{\"errinfo\":null,\"message\":\"Service Unavailable\"}", JSON), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    @Override
    protected long resourcesAtProvider(DockerHubRequest request) {
        return fake().members(request.team()).stream().filter(request.dockerId()::equals).count()
                + fake().invites().stream().filter(i -> i.invitee().equals(request.dockerId())
                        && i.team().equals(request.team())).count();
    }

    @Test
    void organizationMemberIsAddedDirectlyToTheTeam() {
        var request = new DockerHubRequest("totakoko", "owners", "Startup", "Administrer les images");
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        try {
            jobs.runDueJobsAndProviderPolling(pi.getId());
            assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
            assertThat(fake().members("owners")).contains("totakoko");
            assertThat(fake().invites()).noneMatch(i -> i.invitee().equals("totakoko"));
        } finally {
            // the sandbox is in the shared test database: leave the seed teams as they were
            dockerHub.removeMember("owners", "totakoko");
        }
    }

    @Test
    void personOutsideTheOrganizationIsInvitedOnce() {
        DockerHubRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(fake().invites()).filteredOn(i -> i.invitee().equals(request.dockerId())).hasSize(1);
        assertThat((String) runtimeService.getVariable(pi.getId(), "executionResult")).contains("invitation");
    }
}
