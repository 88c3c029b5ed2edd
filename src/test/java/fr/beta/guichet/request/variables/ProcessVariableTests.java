package fr.beta.guichet.request.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * A {@link ProcessVariable} is read and written the same way from everywhere the engine offers variables: a
 * delegate's scope, the runtime service, the task service (local or not), the history and variable maps. A decision
 * stores its lowercase string (what the models' conditions compare with, what running instances hold) and reads back
 * its enum; an unknown stored string fails loudly. The request's record keeps its JSON (Spin) format.
 */
@GuichetSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessVariableTests {

    private static final String PROCESS = "process-variable-tests";

    static final ProcessVariable<String> TEXT = ProcessVariable.string("pvText");
    static final ProcessVariable<Integer> COUNT = ProcessVariable.integer("pvCount");
    static final ProcessVariable<String> NOTE = ProcessVariable.string("pvNote");
    static final ProcessVariable<SubdomainRequest> SUBDOMAIN = RequestVariables.REQUEST.as(SubdomainRequest.class);

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;

    private String deployment;

    /**
     * start → {@link ScopeDelegate} → gateway on {@code ${claimDecision == 'ask'}} (the lifecycle's own condition)
     * → {@code asked} or {@code other} → end.
     */
    @BeforeAll
    void deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("scope").camundaClass(ScopeDelegate.class.getName())
                .exclusiveGateway("decided")
                .condition("asked", "${claimDecision == 'ask'}").userTask("asked").endEvent("askedEnd")
                .moveToLastGateway()
                .condition("other", "${claimDecision != 'ask'}").userTask("other").endEvent("otherEnd")
                .done();
        deployment = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model)
                .deploy().getId();
    }

    @AfterAll
    void undeploy() {
        repositoryService.deleteDeployment(deployment, true);
    }

    /** Reads through the delegate's scope what the start wrote, and writes back through it. */
    public static class ScopeDelegate implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            TEXT.set(execution, TEXT.get(execution) + " (lu par le délégué)");
            COUNT.set(execution, COUNT.getOrDefault(execution, 0) + 1);
            NOTE.setLocal(execution, "locale");
            if (RequestVariables.CLAIM_DECISION.get(execution) == ClaimDecision.TAKE) {
                RequestVariables.CLAIM_DECISION.set(execution, ClaimDecision.ASK);
            }
            SubdomainRequest request = SUBDOMAIN.get(execution);
            SUBDOMAIN.set(execution, new SubdomainRequest(request.label() + "2", request.recordType(), request.target(),
                    request.ttl(), request.startup(), request.reason()));
        }
    }

    private static SubdomainRequest subdomain(String name) {
        return new SubdomainRequest(name, SubdomainRecordType.A, "192.0.2.30", 3600, "Variables", "Tester les variables");
    }

    @Test
    void aVariableRoundTripsThroughScopeRuntimeTaskHistoryAndMaps() {
        VariableMap start = ProcessVariable.variables(TEXT.with("bonjour"), COUNT.with(41),
                RequestVariables.CLAIM_DECISION.with(ClaimDecision.TAKE), RequestVariables.REQUEST.with(subdomain("pv")));
        // variable map: put and get
        assertThat(TEXT.get(start)).isEqualTo("bonjour");
        assertThat(RequestVariables.CLAIM_DECISION.get(start)).isEqualTo(ClaimDecision.TAKE);
        assertThat(start.get("claimDecision")).as("stored as its string").isEqualTo("take");
        assertThat(SUBDOMAIN.get(start)).isEqualTo(subdomain("pv"));
        assertThat(NOTE.isIn(start)).isFalse();
        assertThat(NOTE.fromOrDefault(start, "aucune")).isEqualTo("aucune");

        String pi = runtimeService.startProcessInstanceByKey(PROCESS, start).getId();
        try {
            // the delegate read and wrote through its scope; the model's condition read the decision's string
            Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
            assertThat(task.getTaskDefinitionKey()).as("${claimDecision == 'ask'} read the string the delegate wrote")
                    .isEqualTo("asked");

            // runtime service, by process instance id
            assertThat(TEXT.get(runtimeService, pi)).isEqualTo("bonjour (lu par le délégué)");
            assertThat(COUNT.get(runtimeService, pi)).isEqualTo(42);
            assertThat(RequestVariables.CLAIM_DECISION.get(runtimeService, pi)).isEqualTo(ClaimDecision.ASK);
            assertThat(runtimeService.getVariable(pi, "claimDecision")).isEqualTo("ask");
            assertThat(SUBDOMAIN.get(runtimeService, pi)).isEqualTo(subdomain("pv2"));
            assertThat(RequestVariables.REQUEST.get(runtimeService, pi)).isEqualTo(subdomain("pv2"));
            assertThat(NOTE.getLocal(runtimeService, pi)).as("local to the delegate's execution").isEqualTo("locale");
            COUNT.set(runtimeService, pi, 50);
            assertThat(COUNT.getOrDefault(runtimeService, pi, 0)).isEqualTo(50);
            RequestVariables.REQUEST.set(runtimeService, pi, subdomain("pv3"));

            // the record keeps its format: JSON by Spin, under its class name
            ObjectValue stored = runtimeService.getVariableTyped(pi, "request", false);
            assertThat(stored.getSerializationDataFormat()).isEqualTo("application/json");
            assertThat(stored.getObjectTypeName()).isEqualTo(SubdomainRequest.class.getName());
            assertThat(stored.getValueSerialized()).contains("\"label\":\"pv3\"");

            // task service, by task id: the process's variables, and the task's own
            assertThat(TEXT.get(taskService, task.getId())).isEqualTo("bonjour (lu par le délégué)");
            TEXT.set(taskService, task.getId(), "par la tâche");
            assertThat(TEXT.get(runtimeService, pi)).isEqualTo("par la tâche");
            NOTE.setLocal(taskService, task.getId(), "de la tâche");
            assertThat(NOTE.getLocal(taskService, task.getId())).isEqualTo("de la tâche");
            assertThat(NOTE.get(taskService, task.getId())).isEqualTo("de la tâche");
            assertThat(NOTE.get(runtimeService, pi)).as("the task's is local to it").isEqualTo("locale");
            assertThat(SUBDOMAIN.get(taskService, task.getId())).isEqualTo(subdomain("pv3"));

            taskService.complete(task.getId(), ProcessVariable.variables(
                    RequestVariables.CLAIM_DECISION.with(ClaimDecision.REJECT), COUNT.with(51)));

            // history: a value out of a query's result, the query filtered by the variable, every update
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
            assertThat(TEXT.historic(historyService, pi)).isEqualTo("par la tâche");
            assertThat(COUNT.historic(historyService, pi)).isEqualTo(51);
            assertThat(RequestVariables.CLAIM_DECISION.historic(historyService, pi)).isEqualTo(ClaimDecision.REJECT);
            var all = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).list();
            assertThat(SUBDOMAIN.valueIn(all)).isEqualTo(subdomain("pv3"));
            assertThat(RequestVariables.EXECUTOR.valueIn(all)).as("a variable the instance never had").isNull();
            var decision = RequestVariables.CLAIM_DECISION
                    .filter(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi)).singleResult();
            assertThat(RequestVariables.CLAIM_DECISION.valueOf(decision)).isEqualTo(ClaimDecision.REJECT);
            assertThat(decision.getValue()).isEqualTo("reject");
            assertThat(ProcessVariable.filterAny(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi),
                    List.of(TEXT, COUNT)).count()).isEqualTo(2);
            List<ClaimDecision> decisions = historyService.createHistoricDetailQuery().processInstanceId(pi)
                    .variableUpdates().orderByTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                    .filter(HistoricVariableUpdate.class::isInstance).map(HistoricVariableUpdate.class::cast)
                    .filter(update -> RequestVariables.CLAIM_DECISION.hasName(update.getVariableName()))
                    .map(RequestVariables.CLAIM_DECISION::valueOf).toList();
            assertThat(decisions).containsExactly(ClaimDecision.TAKE, ClaimDecision.ASK, ClaimDecision.REJECT);
        } finally {
            runtimeService.deleteProcessInstancesIfExists(List.of(pi), "test cleanup", true, true, false);
            historyService.deleteHistoricProcessInstancesIfExists(List.of(pi));
        }
    }

    @Test
    void aDecisionIsStoredAsItsLowercaseStringAndReadBackAsItsEnum() {
        VariableMap variables = Variables.createVariables();
        RequestVariables.MANUAL_DECISION.putIn(variables, ManualDecision.DONE);
        RequestVariables.PROVIDER_STATE.putIn(variables, Execution.State.PENDING);
        RequestVariables.RETURN_TO.putIn(variables, ReturnTo.EXECUTE_MANUALLY);
        assertThat(variables).containsEntry("manualDecision", "done").containsEntry("providerState", "pending")
                .containsEntry("returnTo", "execute-manually");
        assertThat(RequestVariables.MANUAL_DECISION.get(variables)).isEqualTo(ManualDecision.DONE);
        assertThat(RequestVariables.PROVIDER_STATE.from(Map.of("providerState", "ready"))).isEqualTo(Execution.State.READY);
        assertThat(RequestVariables.RETURN_TO.from(Map.of("returnTo", "claim"))).isEqualTo(ReturnTo.CLAIM);
        assertThat(RequestVariables.CLAIM_DECISION.storedValues()).containsExactly("take", "reject", "ask");
        assertThat(RequestVariables.CLAIM_DECISION.stored(ClaimDecision.TAKE)).isEqualTo("take");
        Map<String, Object> absent = new HashMap<>();
        absent.put("claimDecision", null);
        assertThat(RequestVariables.CLAIM_DECISION.from(absent)).isNull();
    }

    @Test
    void anUnknownStoredDecisionFailsClearly() {
        assertThatThrownBy(() -> RequestVariables.CLAIM_DECISION.from(Map.of("claimDecision", "maybe")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Variable 'claimDecision' holds 'maybe', which is none of ClaimDecision [take, reject, ask]");
        assertThatThrownBy(() -> RequestVariables.CLAIM_DECISION.from(Map.of("claimDecision", "TAKE")))
                .as("the Java name is not what is stored").isInstanceOf(IllegalStateException.class);

        String pi = runtimeService.startProcessInstanceByKey(PROCESS, ProcessVariable.variables(TEXT.with("x"),
                RequestVariables.CLAIM_DECISION.with(ClaimDecision.REJECT), RequestVariables.REQUEST.with(subdomain("pv"))))
                .getId();
        try {
            runtimeService.setVariable(pi, "claimDecision", "peut-être");
            assertThatThrownBy(() -> RequestVariables.CLAIM_DECISION.get(runtimeService, pi))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'peut-être'");
            runtimeService.setVariable(pi, "pvCount", "douze");
            assertThatThrownBy(() -> COUNT.get(runtimeService, pi)).isInstanceOf(ClassCastException.class)
                    .hasMessageContaining("pvCount");
        } finally {
            runtimeService.deleteProcessInstancesIfExists(List.of(pi), "test cleanup", true, true, false);
            historyService.deleteHistoricProcessInstancesIfExists(List.of(pi));
        }
    }
}
