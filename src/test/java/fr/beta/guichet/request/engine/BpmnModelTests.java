package fr.beta.guichet.request.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Reads the one lifecycle model of {@code bpmn/} and the model each request type derives from it, and fails if one
 * departs from the lifecycle of docs/design.md: a missing step, timer, candidate group, time-to-live, async boundary,
 * retry cycle, French name or diagram, a generated id, or a delegate that is not a bean.
 */
@GuichetSpringTest
class BpmnModelTests {

    private static final List<String> LIFECYCLE = List.of(LifecycleElements.VALIDATE, LifecycleElements.ANNOUNCE,
            LifecycleElements.CLAIM, LifecycleElements.EXECUTE, LifecycleElements.EXECUTE_MANUALLY,
            LifecycleElements.CONFIRM, LifecycleElements.DONE, LifecycleElements.REJECTED, LifecycleElements.CANCELLED);
    /** bpmn-js and Modeler defaults such as Activity_0abc123, UserTask_1, Flow_1x2y3z4, sid-…. */
    private static final Pattern GENERATED_ID = Pattern.compile(".*_(\\d+|[0-9a-z]{7})$|^sid-.*|^id_.*");
    private static final Pattern DELEGATE = Pattern.compile("^\\$\\{([a-zA-Z][a-zA-Z0-9]*)}$");

    @Autowired ApplicationContext context;
    @Autowired RequestTypes types;

    /** No per-type copy of the lifecycle: the request models are all derived from the one template. */
    @Test
    void theLifecycleIsDrawnOnce() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
            var requestModels = files.filter(f -> f.toString().endsWith(".bpmn"))
                    .filter(f -> Bpmn.readModelFromFile(f.toFile()).getModelElementById(LifecycleElements.CLAIM) != null)
                    .map(Path::toString).toList();
            assertThat(requestModels).containsExactly("bpmn/lifecycle/request-lifecycle.bpmn");
        }
        assertThat(Path.of("docs/request-template.bpmn")).doesNotExist();
    }

    /** The template itself: its claim names the placeholder group that each type replaces. */
    @Test
    void theTemplateFollowsTheLifecycle() {
        BpmnModelInstance template = Bpmn.readModelFromFile(Path.of("bpmn", "lifecycle", "request-lifecycle.bpmn").toFile());
        UserTask claim = template.getModelElementById(LifecycleElements.CLAIM);
        assertThat(claim.getCamundaCandidateGroups()).isEqualTo(RequestModels.GROUP_PLACEHOLDER);
        checkModel(RequestModels.TEMPLATE_KEY, template, RequestModels.GROUP_PLACEHOLDER);
    }

    @TestFactory
    Stream<DynamicTest> everyRequestTypeModelFollowsTheLifecycle() {
        return types.all().stream().map(type -> DynamicTest.dynamicTest(type.processKey(),
                () -> checkModel(type.processKey(), RequestModels.of(type), type.resourceGroup())));
    }

    private void checkModel(String key, BpmnModelInstance model, String group) {
        Process process = model.getModelElementById(key);
        assertThat(process).as("process id = file name").isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).as("history time to live").isNotBlank();
        Map<String, FlowElement> elements = process.getFlowElements().stream()
                .collect(Collectors.toMap(BaseElement::getId, Function.identity()));
        assertThat(elements).as("lifecycle steps").containsKeys(LIFECYCLE.toArray(String[]::new));

        UserTask claim = (UserTask) elements.get(LifecycleElements.CLAIM);
        assertThat(claim.getCamundaCandidateGroups()).as("claim candidate group")
                .isEqualTo(group);
        assertThat(((UserTask) elements.get(LifecycleElements.CONFIRM)).getCamundaAssignee()).isEqualTo("${executor}");
        for (String userTask : List.of(LifecycleElements.CLAIM, LifecycleElements.EXECUTE_MANUALLY, LifecycleElements.CONFIRM)) {
            assertThat(((UserTask) elements.get(userTask)).getCamundaFormKey()).as("Tasklist opens the app's form")
                    .isEqualTo("/taches/formulaire");
        }
        assertThat(((UserTask) elements.get(LifecycleElements.EXECUTE_MANUALLY)).getCamundaAssignee())
                .isEqualTo("${executor}");

        assertThat(elements).as("provider polling loop").containsKeys(LifecycleElements.PROVIDER_READY,
                LifecycleElements.PROVIDER_DELAY, LifecycleElements.CHECK_PROVIDER);
        var delay = elements.get(LifecycleElements.PROVIDER_DELAY).getChildElementsByType(TimerEventDefinition.class)
                .iterator().next();
        assertThat(delay.getTimeDuration().getTextContent()).isEqualTo("${providerPolling.interval}");

        checkDialogue(elements, process);

        for (String async : List.of(LifecycleElements.VALIDATE, LifecycleElements.ANNOUNCE, LifecycleElements.EXECUTE,
                LifecycleElements.CHECK_PROVIDER, LifecycleElements.REMIND_HOLDERS, LifecycleElements.ESCALATE)) {
            ServiceTask task = (ServiceTask) elements.get(async);
            assertThat(task.isCamundaAsyncBefore()).as(async + " is async").isTrue();
            assertThat(retryCycle(task)).as(async + " retries").isEqualTo("R3/PT5M");
        }

        List<BoundaryEvent> onClaim = boundaries(process, LifecycleElements.CLAIM);
        var timers = onClaim.stream().filter(b -> !b.getChildElementsByType(TimerEventDefinition.class).isEmpty()).toList();
        assertThat(timers).as("claim timers").hasSize(2).allMatch(b -> !b.cancelActivity());
        var reminder = (BoundaryEvent) elements.get(LifecycleElements.REMINDER_TIMER);
        assertThat(timer(reminder).getTimeCycle().getTextContent()).isEqualTo("${escalation.reminderCycle}");
        var escalation = (BoundaryEvent) elements.get(LifecycleElements.ESCALATION_TIMER);
        assertThat(timer(escalation).getTimeDuration().getTextContent()).isEqualTo("${escalation.managersAfter}");
        assertThat(elements).containsKey(LifecycleElements.CANCEL_EVENT);

        var executeErrors = boundaries(process, LifecycleElements.EXECUTE).stream()
                .flatMap(b -> b.getChildElementsByType(ErrorEventDefinition.class).stream())
                .map(e -> e.getError().getErrorCode()).toList();
        assertThat(executeErrors).containsExactly("PROVIDER_REJECTED");
        var validateErrors = boundaries(process, LifecycleElements.VALIDATE).stream()
                .flatMap(b -> b.getChildElementsByType(ErrorEventDefinition.class).stream())
                .map(e -> e.getError().getErrorCode()).toList();
        assertThat(validateErrors).containsExactly(LifecycleElements.VALIDATION_FAILED);

        for (FlowElement element : elements.values()) {
            assertThat(element.getId()).as("generated id").doesNotMatch(GENERATED_ID);
            if (!(element instanceof SequenceFlow flow) || isGatewayExit(flow)) {
                assertThat(element.getName()).as("French name of " + element.getId()).isNotBlank();
            }
            if (element instanceof ServiceTask task) {
                var matcher = DELEGATE.matcher(String.valueOf(task.getCamundaDelegateExpression()));
                assertThat(matcher.matches()).as(task.getId() + " uses ${bean}").isTrue();
                assertThat(context.containsBean(matcher.group(1))).as(matcher.group(1) + " is a bean").isTrue();
                assertThat(task.getCamundaClass()).isNull();
            }
        }
        var shapes = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        var edges = model.getModelElementsByType(BpmnEdge.class).stream().map(e -> e.getBpmnElement().getId()).toList();
        elements.values().forEach(e -> assertThat(e instanceof SequenceFlow ? edges : shapes)
                .as("diagram of " + e.getId()).contains(e.getId()));
    }

    /**
     * « Demander une précision » (issue 14): from {@code claim} and {@code execute-manually} to the requester's
     * {@code answer-question} with its reminder and its cancellation timers, the answer posted, a corrected request
     * checked again, then back to where it was asked; {@code claim} goes back to the admin who asked.
     */
    private static void checkDialogue(Map<String, FlowElement> elements, Process process) {
        assertThat(elements).as("dialogue").containsKeys(LifecycleElements.NOTIFY_QUESTION,
                LifecycleElements.ANSWER_QUESTION, LifecycleElements.NOTIFY_ANSWER, LifecycleElements.REVALIDATE,
                LifecycleElements.REMIND_REQUESTER, LifecycleElements.NOTIFY_UNANSWERED,
                LifecycleElements.QUESTION_REMINDER_TIMER, LifecycleElements.QUESTION_EXPIRED_TIMER);
        UserTask answer = (UserTask) elements.get(LifecycleElements.ANSWER_QUESTION);
        assertThat(answer.getName()).isEqualTo("Répondre à la question");
        assertThat(answer.getCamundaAssignee()).isEqualTo("${requester}");
        assertThat(answer.getCamundaCandidateGroups()).isNull();
        assertThat(((UserTask) elements.get(LifecycleElements.CLAIM)).getCamundaAssignee())
                .isEqualTo("${dialogue.claimAssignee(execution)}");

        assertThat(conditionsInto(elements, LifecycleElements.NOTIFY_QUESTION))
                .containsExactlyInAnyOrder("${claimDecision == 'ask'}", "${manualDecision == 'ask'}");
        assertThat(outgoing(elements, LifecycleElements.ANSWER_QUESTION)).containsExactly(LifecycleElements.NOTIFY_ANSWER);
        var back = elements.values().stream().filter(e -> e instanceof SequenceFlow f
                        && f.getSource().getId().equals("Gateway_ReturnTo"))
                .map(e -> throughJoins(((SequenceFlow) e).getTarget()).getId()).toList();
        assertThat(back).containsExactlyInAnyOrder(LifecycleElements.CLAIM, LifecycleElements.EXECUTE_MANUALLY);

        List<BoundaryEvent> onAnswer = boundaries(process, LifecycleElements.ANSWER_QUESTION);
        assertThat(onAnswer).extracting(BoundaryEvent::getId).containsExactlyInAnyOrder(
                LifecycleElements.QUESTION_REMINDER_TIMER, LifecycleElements.QUESTION_EXPIRED_TIMER);
        var reminder = (BoundaryEvent) elements.get(LifecycleElements.QUESTION_REMINDER_TIMER);
        assertThat(reminder.cancelActivity()).isFalse();
        assertThat(timer(reminder).getTimeDuration().getTextContent()).isEqualTo("${dialogue.requesterReminderAfter}");
        var expired = (BoundaryEvent) elements.get(LifecycleElements.QUESTION_EXPIRED_TIMER);
        assertThat(expired.cancelActivity()).isTrue();
        assertThat(timer(expired).getTimeDuration().getTextContent()).isEqualTo("${dialogue.cancelAfter}");
        assertThat(outgoing(elements, LifecycleElements.NOTIFY_UNANSWERED)).containsExactly(LifecycleElements.CANCELLED);

        var revalidateErrors = boundaries(process, LifecycleElements.REVALIDATE).stream()
                .flatMap(b -> b.getChildElementsByType(ErrorEventDefinition.class).stream())
                .map(e -> e.getError().getErrorCode()).toList();
        assertThat(revalidateErrors).containsExactly(LifecycleElements.VALIDATION_FAILED);
        assertThat(((ServiceTask) elements.get(LifecycleElements.REVALIDATE)).getCamundaDelegateExpression())
                .isEqualTo("${validateRequestDelegate}");
        for (String async : List.of(LifecycleElements.NOTIFY_QUESTION, LifecycleElements.NOTIFY_ANSWER,
                LifecycleElements.REVALIDATE, LifecycleElements.REMIND_REQUESTER, LifecycleElements.NOTIFY_UNANSWERED)) {
            ServiceTask task = (ServiceTask) elements.get(async);
            assertThat(task.isCamundaAsyncBefore()).as(async + " is async").isTrue();
            assertThat(retryCycle(task)).as(async + " retries").isEqualTo("R3/PT5M");
        }
    }

    private static List<String> conditionsInto(Map<String, FlowElement> elements, String target) {
        return elements.values().stream()
                .filter(e -> e instanceof SequenceFlow f && !isJoin(f.getSource())
                        && throughJoins(f.getTarget()).getId().equals(target))
                .map(e -> ((SequenceFlow) e).getConditionExpression().getTextContent()).toList();
    }

    private static List<String> outgoing(Map<String, FlowElement> elements, String source) {
        return ((FlowNode) elements.get(source)).getOutgoing().stream().map(f -> throughJoins(f.getTarget()).getId())
                .toList();
    }

    /** A merging gateway (several ways in, one out) only joins: a flow into it leads to the step after it. */
    private static FlowNode throughJoins(FlowNode node) {
        while (isJoin(node)) {
            node = node.getOutgoing().iterator().next().getTarget();
        }
        return node;
    }

    private static boolean isJoin(FlowNode node) {
        return node instanceof ExclusiveGateway && node.getIncoming().size() > 1 && node.getOutgoing().size() == 1;
    }

    private static boolean isGatewayExit(SequenceFlow flow) {
        return flow.getSource() instanceof ExclusiveGateway decision && decision.getOutgoing().size() > 1;
    }

    private static List<BoundaryEvent> boundaries(Process process, String activityId) {
        return process.getChildElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo().getId().equals(activityId)).toList();
    }

    private static TimerEventDefinition timer(BoundaryEvent event) {
        return event.getChildElementsByType(TimerEventDefinition.class).iterator().next();
    }

    private static String retryCycle(FlowNode node) {
        var ext = node.getExtensionElements();
        return ext == null ? null : ext.getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                .singleResult().getTextContent();
    }
}
