package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * {@code bpmn/offboarding.bpmn} as Camunda Modeler reads it: French names, no generated ids, a diagram element for
 * every element, time-to-live, async and retried service tasks calling existing beans, parallel revocations with a
 * refusal boundary and a manual task for the resource group.
 */
@GuichetSpringTest
class OffboardingModelTests {

    private static final Pattern GENERATED_ID = Pattern.compile(".*_(\\d+|[0-9a-z]{7})$|^sid-.*|^id_.*");
    private static final Pattern DELEGATE = Pattern.compile("^\\$\\{([a-zA-Z][a-zA-Z0-9]*)}$");

    @Autowired ApplicationContext context;

    @Test
    void theModelIsModelerReadableAndWiredToBeans() {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/offboarding.bpmn"));
        Process process = model.getModelElementById(OffboardingProcess.KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getName()).isEqualTo("Départ d'une personne");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("365");

        var elements = model.getModelElementsByType(FlowElement.class);
        var shapes = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        var edges = model.getModelElementsByType(BpmnEdge.class).stream().map(e -> e.getBpmnElement().getId()).toList();
        for (FlowElement element : elements) {
            assertThat(element.getId()).as("generated id").doesNotMatch(GENERATED_ID);
            if (!(element instanceof SequenceFlow flow)
                    || flow.getSource() instanceof ExclusiveGateway decision && decision.getOutgoing().size() > 1) {
                assertThat(element.getName()).as("French name of " + element.getId()).isNotBlank();
            }
            assertThat(element instanceof SequenceFlow ? edges : shapes).as("diagram of " + element.getId())
                    .contains(element.getId());
            if (element instanceof ServiceTask task) {
                var matcher = DELEGATE.matcher(String.valueOf(task.getCamundaDelegateExpression()));
                assertThat(matcher.matches()).as(task.getId() + " uses ${bean}").isTrue();
                assertThat(context.containsBean(matcher.group(1))).as(matcher.group(1) + " is a bean").isTrue();
                if (!task.getId().equals("ServiceTask_RecordManualRevocation")) {
                    assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is async").isTrue();
                    assertThat(task.getExtensionElements().getElementsQuery()
                            .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent())
                            .as(task.getId() + " retries").isEqualTo("R3/PT5M");
                }
            }
        }
        SubProcess revocations = model.getModelElementById(OffboardingProcess.REVOCATIONS);
        var loop = (MultiInstanceLoopCharacteristics) revocations.getLoopCharacteristics();
        assertThat(loop.isSequential()).as("revocations run in parallel").isFalse();
        assertThat(loop.getCamundaElementVariable()).isEqualTo("grantId");
        UserTask manual = model.getModelElementById(OffboardingProcess.REVOKE_MANUALLY);
        assertThat(manual.getCamundaCandidateGroups()).isEqualTo("${offboardingPlan.groupOf(grantId)}");
        List<String> refusals = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo().getId().equals(OffboardingProcess.REVOKE))
                .flatMap(b -> b.getChildElementsByType(ErrorEventDefinition.class).stream())
                .map(e -> e.getError().getErrorCode()).toList();
        assertThat(refusals).containsExactly("PROVIDER_REJECTED");
        assertThat(context.containsBean("offboardingPlan")).isTrue();
        assertThat(context.containsBean("providerPolling")).isTrue();
    }
}
