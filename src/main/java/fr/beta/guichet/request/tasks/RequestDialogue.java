package fr.beta.guichet.request.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.Correction;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * The questions an admin asks a requester (« Demander une précision ») and the answers: the open question of a
 * request, its deadlines, the exchanges so far (from the history of the {@code question} and {@code answer}
 * variables), and the requester's answer, with or without a correction of the request's fields.
 */
@Component
public class RequestDialogue {

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final ManagementService managementService;
    private final RequestTasks tasks;

    RequestDialogue(TaskService taskService, RuntimeService runtimeService, HistoryService historyService,
            ManagementService managementService, RequestTasks tasks) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.managementService = managementService;
        this.tasks = tasks;
    }

    /** One question and its answer (empty while unanswered). */
    public record Exchange(String question, String askedBy, Instant askedAt, String answer, Instant answeredAt,
            Correction correction) {

        public Exchange(String question, String askedBy, Instant askedAt, String answer, Instant answeredAt) {
            this(question, askedBy, askedAt, answer, answeredAt, null);
        }

        public boolean answered() {
            return answer != null;
        }

        /** The fields the requester changed with this answer, before → after; empty when none. */
        public List<Correction.FieldChange> changes() {
            return correction == null ? List.of() : correction.changes();
        }
    }

    /** What « Mes demandes » and the task form show of a request's questions. */
    public record Dialogue(List<Exchange> exchanges, boolean waiting, Instant reminderDue, Instant cancelDue,
            boolean reminded) {

        public Exchange current() {
            return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
        }

        public boolean any() {
            return !exchanges.isEmpty();
        }
    }

    public Dialogue of(String processInstanceId) {
        List<Exchange> exchanges = exchanges(processInstanceId);
        boolean waiting = openQuestion(processInstanceId).isPresent();
        Instant reminder = waiting ? due(processInstanceId, LifecycleElements.QUESTION_REMINDER_TIMER).orElse(null) : null;
        Instant cancel = waiting ? due(processInstanceId, LifecycleElements.QUESTION_EXPIRED_TIMER).orElse(null) : null;
        boolean reminded = waiting && reminder == null;
        return new Dialogue(exchanges, waiting, reminder, cancel, reminded);
    }

    /** The {@code answer-question} task of the request, while it waits for its requester. */
    public Optional<Task> openQuestion(String processInstanceId) {
        return Optional.ofNullable(taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LifecycleElements.ANSWER_QUESTION).singleResult());
    }

    /** When the open question cancels the request « sans réponse ». */
    public Optional<Instant> deadline(String processInstanceId) {
        return due(processInstanceId, LifecycleElements.QUESTION_EXPIRED_TIMER);
    }

    private Optional<Instant> due(String processInstanceId, String timer) {
        Job job = managementService.createJobQuery().processInstanceId(processInstanceId).timers().activityId(timer)
                .singleResult();
        return job == null || job.getDuedate() == null ? Optional.empty() : Optional.of(job.getDuedate().toInstant());
    }

    /** Every question and answer of the request, oldest first. */
    public List<Exchange> exchanges(String processInstanceId) {
        List<HistoricDetail> updates = historyService.createHistoricDetailQuery().processInstanceId(processInstanceId)
                .variableUpdates().orderByTime().asc().list();
        List<Exchange> exchanges = new ArrayList<>();
        String askedBy = null; // the last admin who asked, until given to their question
        for (HistoricDetail detail : updates) {
            if (!(detail instanceof HistoricVariableUpdate update) || update.getValue() == null) {
                continue;
            }
            Instant at = detail.getTime().toInstant();
            if (RequestVariables.ASKED_BY.hasName(update.getVariableName())) {
                askedBy = RequestVariables.ASKED_BY.valueOf(update);
            } else if (RequestVariables.QUESTION.hasName(update.getVariableName())) {
                exchanges.add(new Exchange(RequestVariables.QUESTION.valueOf(update), null, at, null, null));
            } else if (RequestVariables.CORRECTION.hasName(update.getVariableName())) {
                // written with the answer, in any order: given to the last question (answered or about to be)
                if (!exchanges.isEmpty()) {
                    Exchange last = exchanges.remove(exchanges.size() - 1);
                    exchanges.add(new Exchange(last.question(), last.askedBy(), last.askedAt(), last.answer(),
                            last.answeredAt(), RequestVariables.CORRECTION.valueOf(update)));
                }
                continue;
            } else if (RequestVariables.ANSWER.hasName(update.getVariableName())) {
                if (!exchanges.isEmpty() && !exchanges.get(exchanges.size() - 1).answered()) {
                    Exchange open = exchanges.remove(exchanges.size() - 1);
                    exchanges.add(new Exchange(open.question(), open.askedBy(), open.askedAt(),
                            RequestVariables.ANSWER.valueOf(update), at, open.correction()));
                }
            } else {
                continue;
            }
            // who asked is written in the same command as the question, in any order
            if (!exchanges.isEmpty() && askedBy != null) {
                Exchange last = exchanges.get(exchanges.size() - 1);
                if (last.askedBy() == null && !last.answered()) {
                    exchanges.set(exchanges.size() - 1, new Exchange(last.question(), askedBy, last.askedAt(), null,
                            null, last.correction()));
                    askedBy = null;
                }
            }
        }
        return exchanges;
    }

    /** The requester answers without changing the request. */
    public void answer(String processInstanceId, String requesterId, String answer) {
        complete(processInstanceId, requesterId, answer, RequestVariables.REQUEST_CORRECTED.with(false),
                RequestVariables.CORRECTION.with(new Correction(List.of())));
    }

    /**
     * The requester answers and corrects the request's fields; {@code corrected} has passed the start form's checks.
     * The process checks it again ({@code ServiceTask_Revalidate}) before it goes back to the admin.
     */
    public <R extends Record> void answer(String processInstanceId, String requesterId, String answer,
            RequestType<R> type, R corrected) {
        String reason = type.reasonOf(corrected);
        R before = RequestVariables.REQUEST.as(type.requestClass()).get(runtimeService, processInstanceId);
        complete(processInstanceId, requesterId, answer, RequestVariables.REQUEST_CORRECTED.with(true),
                RequestVariables.CORRECTION.with(Correction.between(type.processKey(), before, corrected)),
                RequestVariables.REQUEST.with(corrected),
                RequestVariables.DESCRIPTION.with(RequestVariables.shortened(type.describe(corrected))),
                RequestVariables.REQUEST_REASON.with(reason == null ? "" : reason));
    }

    private void complete(String processInstanceId, String requesterId, String answer,
            ProcessVariable.Assignment<?>... more) {
        Task task = openQuestion(processInstanceId)
                .orElseThrow(() -> new TaskActionException("dialogue.error.notWaiting"));
        if (!requesterId.equals(task.getAssignee())) {
            throw new TaskActionException("task.error.forbidden");
        }
        var variables = ProcessVariable.variables(more);
        RequestVariables.ANSWER.putIn(variables, answer);
        tasks.complete(task.getId(), requesterId, variables);
    }
}
