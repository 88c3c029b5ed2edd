package fr.beta.guichet.request.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The read model marks a request INCIDENT from the incidents of that request only: an incident on another instance,
 * shown or not, changes nothing for it, in the task list's lookup as in the requester's list. Lists show what a
 * request asks from the {@code description} string written at start, without loading the JSON record; requests
 * started before that variable existed show the same text, read from their record.
 */
@GuichetSpringTest
class RequestReadModelTests {

    @Autowired RequestReadModel readModel;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;

    private final String requester = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> started = new ArrayList<>();

    @AfterEach
    void deleteInstances() {
        runtimeService.deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
        historyService.deleteHistoricProcessInstancesIfExists(started);
    }

    @Test
    void onlyTheIncidentsOfTheGivenInstancesCount() {
        String shown = waitingAtClaim();
        String other = waitingAtClaim();
        Incident incident = runtimeService.createIncident("guichet-test", claimExecution(other), "test", "Panne simulée");

        assertThat(readModel.byProcessInstance(List.of(shown)).get(shown).status())
                .as("an incident on an instance not shown").isEqualTo(RequestStatus.WAITING);
        assertThat(readModel.byProcessInstance(List.of(other)).get(other).status()).isEqualTo(RequestStatus.INCIDENT);
        Map<String, RequestView> both = readModel.byProcessInstance(List.of(shown, other));
        assertThat(both.get(shown).status()).isEqualTo(RequestStatus.WAITING);
        assertThat(both.get(other).status()).isEqualTo(RequestStatus.INCIDENT);
        assertThat(readModel.requestsOf(requester)).extracting(RequestView::processInstanceId, RequestView::status)
                .containsExactlyInAnyOrder(tuple(shown, RequestStatus.WAITING),
                        tuple(other, RequestStatus.INCIDENT));
        assertThat(readModel.request(other).orElseThrow().status()).isEqualTo(RequestStatus.INCIDENT);

        runtimeService.resolveIncident(incident.getId());
        assertThat(readModel.byProcessInstance(List.of(other)).get(other).status()).isEqualTo(RequestStatus.WAITING);
    }

    @Test
    void endedRequestsKeepTheirEndStatusAmongOpenOnes() {
        String open = waitingAtClaim();
        String cancelled = waitingAtClaim();
        runtimeService.createIncident("guichet-test", claimExecution(open), "test", "Panne simulée");
        runtimeService.deleteProcessInstance(cancelled, "test", true, true);

        Map<String, RequestView> views = readModel.byProcessInstance(List.of(open, cancelled));
        assertThat(views.get(open).status()).isEqualTo(RequestStatus.INCIDENT);
        assertThat(views.get(cancelled).endedAt()).isNotNull();
        assertThat(views.get(cancelled).status()).isNotEqualTo(RequestStatus.INCIDENT);
        assertThat(readModel.byProcessInstance(List.of(cancelled)).get(cancelled).status())
                .isEqualTo(views.get(cancelled).status());
    }

    @Test
    void newAndOlderRequestsShowTheSameDescription() {
        String label = "desc" + UUID.randomUUID().toString().substring(0, 8);
        var request = new SubdomainRequest(label, SubdomainRecordType.CNAME, "app.example.net", 3600, "Lecture",
                "Tester les descriptions");
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        String expected = type.describe(request);

        String reference = starter.start(type, request, "alice");
        String fresh = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
        started.add(fresh);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(fresh)
                .variableName(RequestVariables.DESCRIPTION.name()).singleResult().getValue()).isEqualTo(expected);

        var legacyVariables = RequestVariables.REQUEST.putIn(Variables.createVariables(), request);
        RequestVariables.REQUESTER.putIn(legacyVariables, "alice");
        String legacy = runtimeService.createProcessInstanceByKey(SubdomainProcess.KEY).businessKey("OLD-" + label)
                .setVariables(legacyVariables).startBeforeActivity(LifecycleElements.CLAIM).execute().getId();
        started.add(legacy);

        var views = readModel.byProcessInstance(List.of(fresh, legacy));
        assertThat(views.get(fresh).description()).isEqualTo(expected).contains(label);
        assertThat(views.get(legacy).description()).isEqualTo(expected);
    }

    private String claimExecution(String processInstanceId) {
        return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getExecutionId();
    }

    /** A subdomain request of {@link #requester} waiting at {@code claim}, started directly there. */
    private String waitingAtClaim() {
        var variables = RequestVariables.REQUEST.putIn(Variables.createVariables(),
                new SubdomainRequest("rm" + UUID.randomUUID().toString().substring(0, 8), SubdomainRecordType.A,
                        "192.0.2.20", 3600, "Lecture", "Tester les statuts"));
        RequestVariables.REQUESTER.putIn(variables, requester);
        identityService.setAuthenticatedUserId(requester);
        try {
            String pi = runtimeService.createProcessInstanceByKey(SubdomainProcess.KEY)
                    .businessKey("RM-" + UUID.randomUUID().toString().substring(0, 8)).setVariables(variables)
                    .startBeforeActivity(LifecycleElements.CLAIM).execute().getId();
            started.add(pi);
            return pi;
        } finally {
            identityService.clearAuthentication();
        }
    }
}
