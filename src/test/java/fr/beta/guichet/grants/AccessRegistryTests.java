package fr.beta.guichet.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.dockerhub.DockerHubRequest;
import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * The access registry: one grant per done request, even when the « fait » job is retried; the registration of an
 * access that predates Guichet Ops, accepted only when the provider knows it and only from an admin of its group.
 */
@GuichetSpringTest
class AccessRegistryTests {

    private static final String TEAM = "developers";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired AccessGrants grants;
    @Autowired GrantRegistration registration;
    @Autowired Viewers viewers;
    @Autowired DockerHubClient dockerHub;
    @Autowired JobDriver jobs;
    @Autowired JdbcTemplate jdbc;
    @MockitoSpyBean ChatChannel chat;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void aDoneRequestWritesOneGrantEvenWhenItsFaitJobIsRetried() {
        String dockerId = dockerId();
        ProcessInstance pi = doneUpToConfirm(dockerId);
        doThrow(new ProviderUnavailableException("mattermost", "503")).when(chat).react(anyString(), anyString());
        tasks.confirm(task(pi), "jerome");
        var job = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.NOTIFY_DONE).singleResult();
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(ProviderUnavailableException.class);
        assertThat(grants.byRequest(pi.getBusinessKey())).as("rolled back with the failed job").isEmpty();
        doCallRealMethod().when(chat).react(anyString(), anyString());
        managementService.executeJob(job.getId());
        assertThat(pi).isEnded();

        assertThat(countFor(pi.getBusinessKey())).isEqualTo(1);
        AccessGrant grant = grants.byRequest(pi.getBusinessKey()).orElseThrow();
        assertThat(grant.kind()).isEqualTo("dockerhub");
        assertThat(grant.providerId()).isEqualTo(TEAM + " " + dockerId);
        assertThat(grant.personEmail()).as("the form names no email: the requester").isEqualTo("alice@beta.gouv.fr");
        assertThat(grant.personUser()).isEqualTo("alice");
        assertThat(grant.resourceGroup()).isEqualTo("ops-dockerhub");
        assertThat(grant.state()).isEqualTo(GrantState.ACTIVE);

        assertThat(grants.recordDone(pi.getBusinessKey(), "ops-dockerhub", "alice@beta.gouv.fr", "alice", "dockerhub",
                "x", "y", "z")).as("a second write for the same request").isFalse();
        assertThat(countFor(pi.getBusinessKey())).isEqualTo(1);
    }

    @Test
    void anExistingAccessIsRegisteredOnlyWhenTheProviderKnowsItAndByAnAdminOfItsGroup() {
        String unknown = dockerId();
        assertThatThrownBy(() -> registration.register(viewers.of("jerome"), "dockerhub", "carol@example.org", unknown,
                TEAM, null)).isInstanceOf(TaskActionException.class).hasMessage("registry.error.unknownAtProvider");
        assertThat(grants.search(null, "carol@example.org", null, null)).isEmpty();

        String known = dockerId();
        dockerHub.addMember(TEAM, known);
        assertThatThrownBy(() -> registration.register(viewers.of("hussardnum"), "dockerhub", "carol@example.org", known,
                TEAM, null)).isInstanceOf(TaskActionException.class).hasMessage("registry.error.notYourGroup");
        assertThatThrownBy(() -> registration.register(viewers.of("jerome"), "dockerhub", "pas-un-email", known, TEAM, null))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.email");

        AccessGrant grant = registration.register(viewers.of("jerome"), "dockerhub", "Carol@Example.org", known, TEAM, null);
        assertThat(grant.personEmail()).isEqualTo("carol@example.org");
        assertThat(grant.registeredBy()).isEqualTo("jerome");
        assertThat(grant.requestReference()).isNull();
        assertThat(grant.origin()).contains("jerome");
        assertThatThrownBy(() -> registration.register(viewers.of("jerome"), "dockerhub", "carol@example.org", known,
                TEAM, null)).isInstanceOf(TaskActionException.class).hasMessage("registry.error.known");
    }

    private ProcessInstance doneUpToConfirm(String dockerId) {
        @SuppressWarnings("unchecked")
        RequestType<DockerHubRequest> type = (RequestType<DockerHubRequest>) types.byKey("request-dockerhub").orElseThrow();
        String reference = starter.start(type, new DockerHubRequest(dockerId, TEAM, "Startup", "Publier nos images"), "alice");
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi), "jerome");
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        return pi;
    }

    private String task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    }

    private long countFor(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM guichet_access_grant WHERE request_reference = ?", Long.class, reference);
    }

    private static String dockerId() {
        return "dev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
