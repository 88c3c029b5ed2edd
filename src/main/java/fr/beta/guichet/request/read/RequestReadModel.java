package fr.beta.guichet.request.read;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.ExecutorBrief;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.request.variables.ReturnTo;

/**
 * Builds what people see of requests from Camunda's history, a fixed number of queries per page (no query per
 * request), only for the requests shown: string variables only, never the JSON record of each request (requests
 * started before their description was written at start excepted). Requesters see only the requests they started.
 */
@Component
public class RequestReadModel {

    /**
     * String variables only: they come with the query's rows. The form record ({@code request}, JSON in a byte
     * array) would cost one more query per request shown, so lists read its description, written at start.
     */
    private static final List<ProcessVariable<?>> SHOWN_VARIABLES = List.of(RequestVariables.REQUESTER,
            RequestVariables.EXECUTOR, RequestVariables.REJECTION_REASON,
            RequestVariables.EXECUTION_RESULT, RequestVariables.EXECUTION_ERROR,
            RequestVariables.MATTERMOST_POST_ID, RequestVariables.DESCRIPTION,
            RequestVariables.UNANSWERED, RequestVariables.REQUEST_REASON, RequestVariables.DONE_NOTE);

    /** Activities shown on a timeline; gateways, boundary events and the reminder ends are left out. */
    private static final Set<String> TIMELINE_TYPES = Set.of("startEvent", "serviceTask", "userTask", "noneEndEvent");
    private static final Set<String> HIDDEN_STEPS = Set.of("EndEvent_Reminded", "EndEvent_Escalated",
            LifecycleElements.REQUESTER_REMINDED);

    private final HistoryService historyService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RequestTypes types;

    RequestReadModel(HistoryService historyService, TaskService taskService, RuntimeService runtimeService,
            RequestTypes types) {
        this.historyService = historyService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.types = types;
    }

    public List<RequestView> requestsOf(String requester) {
        List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
                .startedBy(requester)
                .processDefinitionKeyIn(types.processKeys().toArray(String[]::new))
                .orderByProcessInstanceStartTime().desc()
                .listPage(0, 200);
        return views(instances);
    }

    /**
     * The requester's open request of this type that asks exactly the same thing (same description: same target),
     * if any: the start form warns before a second one is filed.
     */
    public Optional<String> openSameRequest(String requester, String processKey, String description) {
        return RequestVariables.DESCRIPTION.whereEquals(historyService.createHistoricProcessInstanceQuery()
                        .processDefinitionKey(processKey).startedBy(requester).unfinished(), description)
                .orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).stream().map(HistoricProcessInstance::getBusinessKey).findFirst();
    }

    /** The requester's own request with this reference; empty for anyone else's. */
    public Optional<RequestView> requestOf(String requester, String reference) {
        return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(reference).startedBy(requester).singleResult())
                .map(instance -> views(List.of(instance)).get(0));
    }

    public Optional<RequestView> request(String processInstanceId) {
        return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId).singleResult())
                .map(instance -> views(List.of(instance)).get(0));
    }

    /**
     * What the executor of a request done by hand reads ({@link RequestType#executorBrief}): empty for the types a
     * provider executes, and for an ended instance.
     */
    public Optional<ExecutorBrief> executorBrief(String processInstanceId) {
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        String processKey = repositoryKey(instance.getProcessDefinitionId());
        Record request = RequestVariables.REQUEST.get(runtimeService, processInstanceId);
        return types.byKey(processKey)
                .filter(type -> type.requestClass().isInstance(request))
                .flatMap(type -> briefTyped(type, request));
    }

    private String repositoryKey(String processDefinitionId) {
        return types.forDefinitionKey(processDefinitionId);
    }

    private static <R extends Record> Optional<ExecutorBrief> briefTyped(RequestType<R> type, Record request) {
        return type.executorBrief(type.requestClass().cast(request));
    }

    public List<TimelineStep> timeline(String processInstanceId) {
        List<TimelineStep> steps = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc()
                .list().stream()
                .filter(a -> TIMELINE_TYPES.contains(a.getActivityType()) && !HIDDEN_STEPS.contains(a.getActivityId()))
                .map(RequestReadModel::step)
                .toList();
        return asked(steps);
    }

    /**
     * A claim (or manual execution) that ended with a question to the requester is no « Prise en charge »: it shows
     * as {@code <step>.asked} (« Précision demandée »), by the admin who asked.
     */
    private static List<TimelineStep> asked(List<TimelineStep> steps) {
        List<TimelineStep> shown = new java.util.ArrayList<>(steps);
        for (int i = 0; i < shown.size(); i++) {
            TimelineStep step = shown.get(i);
            boolean decision = LifecycleElements.CLAIM.equals(step.activityId())
                    || LifecycleElements.EXECUTE_MANUALLY.equals(step.activityId());
            if (!decision || !step.finished()) {
                continue;
            }
            for (int j = i + 1; j < shown.size(); j++) {
                TimelineStep next = shown.get(j);
                if (next.startedAt() == null || next.startedAt().isBefore(step.endedAt())) {
                    continue;
                }
                if (OUTCOMES.contains(next.activityId())) {
                    if (QUESTION_ASKED.equals(next.activityId())) {
                        shown.set(i, new TimelineStep(step.activityId() + ".asked", step.startedAt(), step.endedAt(),
                                step.who()));
                    }
                    break;
                }
            }
        }
        return List.copyOf(shown);
    }

    private static final String QUESTION_ASKED = LifecycleElements.NOTIFY_QUESTION;
    /** What follows a claim or a manual execution, one of them per decision. */
    private static final Set<String> OUTCOMES = Set.of(QUESTION_ASKED, LifecycleElements.NOTIFY_CLAIMED,
            LifecycleElements.NOTIFY_REJECTED, LifecycleElements.NOTIFY_CANCELLED, LifecycleElements.NOTIFY_DONE,
            LifecycleElements.EXECUTE, LifecycleElements.CONFIRM, LifecycleElements.NOTIFY_UNANSWERED);

    private static TimelineStep step(HistoricActivityInstance activity) {
        return new TimelineStep(activity.getActivityId(), instant(activity.getStartTime()),
                instant(activity.getEndTime()), activity.getAssignee());
    }

    private List<RequestView> views(List<HistoricProcessInstance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
        Map<String, Map<String, Object>> variables = new HashMap<>();
        collect(variables, ProcessVariable.filterAny(historyService.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(ids), SHOWN_VARIABLES).list());
        // Requests started before descriptions were written at start: their record, one query each (legacy only).
        String[] undescribed = instances.stream().map(HistoricProcessInstance::getId)
                .filter(id -> !RequestVariables.DESCRIPTION.isIn(variables.getOrDefault(id, Map.of())))
                .toArray(String[]::new);
        if (undescribed.length > 0) {
            collect(variables, RequestVariables.REQUEST.filter(historyService.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(undescribed)).list());
        }
        Map<String, Task> openTasks = taskService.createTaskQuery().processInstanceIdIn(ids).list().stream()
                .collect(Collectors.toMap(Task::getProcessInstanceId, Function.identity(), (a, b) -> a));
        Set<String> withIncident = withIncident(instances);
        return instances.stream()
                .map(instance -> view(instance, variables.getOrDefault(instance.getId(), Map.of()),
                        openTasks.get(instance.getId()), withIncident.contains(instance.getId())))
                .toList();
    }

    private static void collect(Map<String, Map<String, Object>> byInstance, List<HistoricVariableInstance> found) {
        for (HistoricVariableInstance v : found) {
            byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
    }

    /**
     * Which of these instances have an open incident: one query restricted to their ids (the engine has no incident
     * query by a list of instances, but a process instance query has), none when they have all ended.
     */
    private Set<String> withIncident(List<HistoricProcessInstance> instances) {
        Set<String> running = instances.stream().filter(instance -> instance.getEndTime() == null)
                .map(HistoricProcessInstance::getId).collect(Collectors.toSet());
        if (running.isEmpty()) {
            return Set.of();
        }
        return runtimeService.createProcessInstanceQuery().processInstanceIds(running).withIncident().list().stream()
                .map(ProcessInstance::getId).collect(Collectors.toSet());
    }

    private RequestView view(HistoricProcessInstance instance, Map<String, Object> vars, Task openTask,
            boolean incident) {
        RequestStatus status = status(instance, vars, openTask, incident);
        if (status == RequestStatus.VALIDATING || status == RequestStatus.IN_PROGRESS) {
            status = betweenSteps(instance.getId(), vars).orElse(status);
        }
        return new RequestView(instance.getId(), instance.getBusinessKey(), instance.getProcessDefinitionKey(),
                describe(instance.getProcessDefinitionKey(), vars),
                RequestVariables.REQUESTER.from(vars), status,
                instant(instance.getStartTime()), instant(instance.getEndTime()),
                RequestVariables.EXECUTOR.from(vars),
                RequestVariables.REJECTION_REASON.from(vars),
                RequestVariables.EXECUTION_RESULT.from(vars),
                RequestVariables.EXECUTION_ERROR.from(vars),
                reason(instance.getProcessDefinitionKey(), vars),
                RequestVariables.DONE_NOTE.from(vars));
    }

    private static RequestStatus status(HistoricProcessInstance instance, Map<String, Object> vars, Task openTask,
            boolean incident) {
        if (instance.getEndTime() != null) {
            String end = instance.getEndActivityId();
            if (LifecycleElements.DONE.equals(end)) {
                return RequestStatus.DONE;
            }
            if (LifecycleElements.CANCELLED.equals(end)) {
                return Boolean.TRUE.equals(RequestVariables.UNANSWERED.from(vars)) ? RequestStatus.UNANSWERED
                        : RequestStatus.CANCELLED;
            }
            return RequestStatus.REJECTED;
        }
        if (incident) {
            return RequestStatus.INCIDENT;
        }
        if (openTask != null) {
            return switch (openTask.getTaskDefinitionKey()) {
                case LifecycleElements.CLAIM -> RequestStatus.WAITING;
                case LifecycleElements.EXECUTE_MANUALLY -> RequestStatus.MANUAL;
                case LifecycleElements.ANSWER_QUESTION -> RequestStatus.QUESTION;
                default -> RequestStatus.CONFIRMING;
            };
        }
        return RequestVariables.EXECUTOR.isIn(vars) ? RequestStatus.IN_PROGRESS : RequestStatus.VALIDATING;
    }

    /**
     * Where a request without an open task really stands when it waits for the job that announces a decision already
     * taken: cancelled, rejected, done, a question asked, or an answer given (then back to the admin, or checked
     * again when corrected). Without this, the page read right after « Annuler » or an answer would show « En
     * vérification » until the job ran. Only requests between two steps cost this one more read.
     */
    private Optional<RequestStatus> betweenSteps(String processInstanceId, Map<String, Object> vars) {
        ActivityInstance tree;
        try {
            tree = runtimeService.getActivityInstance(processInstanceId);
        } catch (ProcessEngineException ended) {
            tree = null;
        }
        if (tree == null) {
            // the job ended the request between the history read and this one: read how it ended
            return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
                            .processInstanceId(processInstanceId).singleResult())
                    .filter(now -> now.getEndTime() != null)
                    .map(now -> status(now, vars, null, false));
        }
        for (TransitionInstance waiting : tree.getChildTransitionInstances()) {
            Optional<RequestStatus> status = switch (waiting.getActivityId()) {
                case LifecycleElements.NOTIFY_CANCELLED -> Optional.of(RequestStatus.CANCELLED);
                case LifecycleElements.NOTIFY_UNANSWERED -> Optional.of(RequestStatus.UNANSWERED);
                case LifecycleElements.NOTIFY_REJECTED -> Optional.of(RequestStatus.REJECTED);
                case LifecycleElements.NOTIFY_DONE -> Optional.of(RequestStatus.DONE);
                case LifecycleElements.NOTIFY_QUESTION -> Optional.of(RequestStatus.QUESTION);
                case LifecycleElements.NOTIFY_ANSWER -> Optional.of(afterAnswer(processInstanceId));
                default -> Optional.empty();
            };
            if (status.isPresent()) {
                return status;
            }
        }
        return Optional.empty();
    }

    /** An answer given: checked again when corrected, otherwise back where the question was asked. */
    private RequestStatus afterAnswer(String processInstanceId) {
        if (Boolean.TRUE.equals(RequestVariables.REQUEST_CORRECTED.getOrDefault(runtimeService, processInstanceId,
                false))) {
            return RequestStatus.VALIDATING;
        }
        ReturnTo back = RequestVariables.RETURN_TO.getOrDefault(runtimeService, processInstanceId, ReturnTo.CLAIM);
        return back == ReturnTo.EXECUTE_MANUALLY ? RequestStatus.MANUAL : RequestStatus.WAITING;
    }

    /** The type's description of its record; processes that are not requests carry their own line. */
    private String describe(String processKey, Map<String, Object> vars) {
        Record request = RequestVariables.REQUEST.from(vars);
        return types.byKey(processKey)
                .filter(type -> type.requestClass().isInstance(request))
                .map(type -> describeTyped(type, request))
                .orElseGet(() -> String.valueOf(RequestVariables.DESCRIPTION.fromOrDefault(vars, "")));
    }

    /** The reason variable; for requests started before it was written, the record's, when it was loaded. */
    private String reason(String processKey, Map<String, Object> vars) {
        String reason = RequestVariables.REQUEST_REASON.from(vars);
        if (reason != null) {
            return reason.isBlank() ? null : reason;
        }
        Record request = RequestVariables.REQUEST.from(vars);
        return types.byKey(processKey)
                .filter(type -> type.requestClass().isInstance(request))
                .map(type -> reasonTyped(type, request))
                .orElse(null);
    }

    private static <R extends Record> String reasonTyped(RequestType<R> type, Record request) {
        return type.reasonOf(type.requestClass().cast(request));
    }

    private static <R extends Record> String describeTyped(RequestType<R> type, Record request) {
        return type.describe(type.requestClass().cast(request));
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Views for the given process instances, in the given order (task lists). */
    public Map<String, RequestView> byProcessInstance(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return Map.of();
        }
        var instances = historyService.createHistoricProcessInstanceQuery()
                .processInstanceIds(Set.copyOf(processInstanceIds)).list();
        return views(instances).stream().collect(Collectors.toMap(RequestView::processInstanceId, Function.identity()));
    }
}
