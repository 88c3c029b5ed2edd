package fr.beta.guichet.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.lifecycle.LifecycleElements;
import fr.beta.guichet.lifecycle.RequestLifecycleTests;
import fr.beta.guichet.lifecycle.RequestType;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.dockerhub.SandboxDockerHub;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Every lifecycle path of {@code request-dockerhub} against the sandbox organization, plus member vs invite. */
@GuichetSpringTest
@Import(JobDriver.class)
class DockerHubProcessTests extends RequestLifecycleTests<DockerHubRequest> {

    private static final String TEAM = "developers";

    @Autowired DockerHubRequestType dockerHubRequests;
    @MockitoSpyBean SandboxDockerHub dockerHub;

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
        doThrow(new ProviderRejectedException("dockerhub", "invalid_email_or_docker_id: " + request.dockerId()))
                .when(dockerHub).addMember(anyString(), eq(request.dockerId()));
    }

    @Override
    protected void createAtProviderAsRequested(DockerHubRequest request, String reference) {
        dockerHub.addMember(request.team(), request.dockerId());
    }

    @Override
    protected void breakProvider() {
        doThrow(new ProviderUnavailableException("dockerhub", "POST /v2/orgs/betagouv/groups/developers/members answered 503"))
                .when(dockerHub).addMember(anyString(), anyString());
    }

    @Override
    protected void repairProvider() {
        doCallRealMethod().when(dockerHub).addMember(anyString(), anyString());
    }

    @Override
    protected long resourcesAtProvider(DockerHubRequest request) {
        return dockerHub.members(request.team()).stream().filter(request.dockerId()::equals).count()
                + dockerHub.invites().stream().filter(i -> i.invitee().equals(request.dockerId())
                        && i.team().equals(request.team())).count();
    }

    @Test
    void organizationMemberIsAddedDirectlyToTheTeam() {
        var request = new DockerHubRequest("totakoko", "owners", "Startup", "Administrer les images");
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dockerHub.members("owners")).contains("totakoko");
        assertThat(dockerHub.invites()).noneMatch(i -> i.invitee().equals("totakoko"));
    }

    @Test
    void personOutsideTheOrganizationIsInvitedOnce() {
        DockerHubRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dockerHub.invites()).filteredOn(i -> i.invitee().equals(request.dockerId())).hasSize(1);
        assertThat((String) runtimeService.getVariable(pi.getId(), "executionResult")).contains("invitation");
    }
}
