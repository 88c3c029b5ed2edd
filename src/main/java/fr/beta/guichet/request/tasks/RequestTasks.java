package fr.beta.guichet.request.tasks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.request.chat.ChatReplyProcess;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.identity.EngineUser;
import fr.beta.guichet.request.variables.ClaimDecision;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.ManualDecision;
import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.request.variables.ReturnTo;

/**
 * The actions people take on a request: "Je prends", "Je passe", "Rejeter", manual execution, "fait", and the
 * requester's cancellation. Each runs as the person (operation log, authorizations) in its own transaction; a
 * race with another admin or with a timer ends in a {@link TaskActionException}, never in a 500.
 */
@Component
public class RequestTasks {

    private static final int OPTIMISTIC_LOCK_ATTEMPTS = 3;
    private static final TimeUnit DECLINE_BUCKET = TimeUnit.MILLISECONDS;

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final EngineUser engineUser;
    private final AccessHolders holders;
    private final ChatReplyProcess chatReplies;
    private final TransactionTemplate transaction;

    RequestTasks(TaskService taskService, RuntimeService runtimeService, EngineUser engineUser,
            AccessHolders holders, ChatReplyProcess chatReplies, TransactionTemplate transaction) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.engineUser = engineUser;
        this.holders = holders;
        this.chatReplies = chatReplies;
        this.transaction = transaction;
    }

    /** The task if this user may act on it: its assignee, or a member of a candidate group while unassigned. */
    public Task visibleTask(String taskId, String userId) {
        Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw new TaskActionException("task.error.gone");
        }
        if (userId.equals(task.getAssignee())) {
            return task;
        }
        List<String> groups = holders.groupsOf(userId);
        boolean candidate = taskService.getIdentityLinksForTask(taskId).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && groups.contains(link.getGroupId()));
        if (!candidate) {
            throw new TaskActionException("task.error.forbidden");
        }
        return task;
    }

    /** The business key of the task's request, or an empty string once the task is gone. */
    public String referenceOf(String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return "";
        }
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        return instance == null ? "" : instance.getBusinessKey();
    }

    /** "Je prends": the user becomes the executor; one of two simultaneous clicks wins. */
    public void take(String taskId, String userId) {
        Task task = expect(taskId, userId, LifecycleElements.CLAIM);
        if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
            throw new TaskActionException("task.error.taken");
        }
        act(userId, () -> {
            taskService.claim(taskId, userId);
            taskService.complete(taskId, ProcessVariable.variables(
                    RequestVariables.CLAIM_DECISION.with(ClaimDecision.TAKE),
                    RequestVariables.EXECUTOR.with(userId)));
        });
    }

    /**
     * "Je passe": a request assigned to this user by name goes back to the group; the thread is told by a job of
     * its own ({@link ChatReplyProcess}), started in the same transaction: a chat outage never turns the action,
     * which succeeded, into an error page.
     * <p>
     * "Je passe" may legitimately be said again later on the same task, so the reply's idempotency key is
     * {@code <business key>:declined:<task id>:<user>:<minute>}: a double click or a resent form within the same
     * minute posts once, a later "Je passe" posts again.
     *
     * @return whether the request was assigned to this user and went back to the group (otherwise it already was
     *         the group's, and only the thread is told)
     */
    public boolean decline(String taskId, String userId) {
        Task task = expect(taskId, userId, LifecycleElements.CLAIM);
        String reference = referenceOf(taskId);
        String root = RequestVariables.MATTERMOST_POST_ID.get(runtimeService, task.getProcessInstanceId());
        String key = reference + ":declined:" + taskId + ":" + userId + ":"
                + DECLINE_BUCKET.toMinutes(System.currentTimeMillis());
        boolean assigned = userId.equals(task.getAssignee());
        act(userId, () -> {
            if (assigned) {
                taskService.setAssignee(taskId, null);
            }
        }, () -> chatReplies.request(reference, root, key, "chat.declined", List.of(userId), Set.of(0)));
        return assigned;
    }

    /**
     * "Rejeter", with the reason shown to the requester: at {@code claim} by an admin of the group, or at
     * {@code execute-manually} by the executor after a provider refusal.
     */
    public void reject(String taskId, String userId, String reason) {
        Task task = visibleTask(taskId, userId);
        if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
            // held by someone else (the admin who asked a question, the executor): theirs to decide
            throw new TaskActionException("task.error.taken");
        }
        ProcessVariable.Assignment<?> decision = switch (task.getTaskDefinitionKey()) {
            case LifecycleElements.CLAIM -> RequestVariables.CLAIM_DECISION.with(ClaimDecision.REJECT);
            case LifecycleElements.EXECUTE_MANUALLY -> RequestVariables.MANUAL_DECISION.with(ManualDecision.REJECT);
            default -> throw new TaskActionException("task.error.gone");
        };
        complete(taskId, userId, ProcessVariable.variables(decision,
                RequestVariables.REJECTION_REASON.with(reason),
                RequestVariables.REJECTED_BY.with(userId)));
    }

    /**
     * « Demander une précision », at {@code claim} (by an admin of the group, unless someone else holds the task)
     * or at {@code execute-manually} (by the executor): the question goes to the requester and the request waits at
     * {@code answer-question}, its claim timers stopped; the answer brings it back to this admin.
     */
    public void ask(String taskId, String userId, String question) {
        Task task = visibleTask(taskId, userId);
        ReturnTo step = ReturnTo.of(task.getTaskDefinitionKey())
                .orElseThrow(() -> new TaskActionException("task.error.gone"));
        ProcessVariable.Assignment<?> decision = switch (step) {
            case CLAIM -> RequestVariables.CLAIM_DECISION.with(ClaimDecision.ASK);
            case EXECUTE_MANUALLY -> RequestVariables.MANUAL_DECISION.with(ManualDecision.ASK);
        };
        if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
            throw new TaskActionException("task.error.taken");
        }
        int number = RequestVariables.QUESTION_COUNT.getOrDefault(runtimeService, task.getProcessInstanceId(), 0) + 1;
        var variables = ProcessVariable.variables(decision,
                RequestVariables.QUESTION.with(question),
                RequestVariables.ASKED_BY.with(userId),
                RequestVariables.RETURN_TO.with(step),
                RequestVariables.QUESTION_COUNT.with(number));
        boolean unassigned = task.getAssignee() == null;
        // the step's history then names who asked (« Précision demandée par … »), not an anonymous « Prise en charge »
        act(userId, () -> {
            if (unassigned) {
                taskService.claim(taskId, userId);
            }
            taskService.complete(taskId, variables);
        });
    }

    /** After a provider refusal, or for a type done by hand, the executor did the work by hand; no note. */
    public void completeManually(String taskId, String userId) {
        completeManually(taskId, userId, null);
    }

    /**
     * « C'est fait à la main », with an optional note to the requester ({@link RequestVariables#DONE_NOTE}), already
     * checked by {@link DialogueText#cleanOptional}: a blank note is no note.
     */
    public void completeManually(String taskId, String userId, String note) {
        expect(taskId, userId, LifecycleElements.EXECUTE_MANUALLY);
        var variables = ProcessVariable.variables(RequestVariables.MANUAL_DECISION.with(ManualDecision.DONE));
        if (note != null && !note.isBlank()) {
            RequestVariables.DONE_NOTE.putIn(variables, note.strip());
        }
        complete(taskId, userId, variables);
    }

    /** "fait": the executor checked the result. */
    public void confirm(String taskId, String userId) {
        expect(taskId, userId, LifecycleElements.CONFIRM);
        complete(taskId, userId, Map.of());
    }

    /** The requester withdraws a request that nobody has claimed yet. */
    public void cancel(String processInstanceId, String requesterId) {
        var waitsAtClaim = runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
                .activityId(LifecycleElements.CLAIM).count() > 0;
        var claimTask = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LifecycleElements.CLAIM).singleResult();
        if (!waitsAtClaim || claimTask == null || claimTask.getAssignee() != null) {
            throw new TaskActionException("request.error.notCancellable");
        }
        act(requesterId, () -> runtimeService.createMessageCorrelation(LifecycleElements.MESSAGE_CANCEL)
                .processInstanceId(processInstanceId)
                .correlateWithResult());
    }

    private Task expect(String taskId, String userId, String taskDefinitionKey) {
        Task task = visibleTask(taskId, userId);
        if (!taskDefinitionKey.equals(task.getTaskDefinitionKey())) {
            throw new TaskActionException("task.error.gone");
        }
        return task;
    }

    /**
     * Completes a task as the user, in its own transaction, with the same race handling as every action here: also
     * for processes that are not requests (joining a group).
     */
    public void complete(String taskId, String userId, Map<String, Object> variables) {
        act(userId, () -> taskService.complete(taskId, variables));
    }

    /**
     * Runs the engine calls in one transaction as the user. A timer firing at the same moment raises an optimistic
     * locking exception: the action is retried. A concurrent claim by someone else is reported as such.
     */
    private void act(String userId, Runnable engineCalls) {
        act(userId, engineCalls, () -> {
        });
    }

    /** As {@link #act(String, Runnable)}, then {@code afterwards} in the same transaction, not as the user. */
    private void act(String userId, Runnable engineCalls, Runnable afterwards) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    engineUser.run(userId, engineCalls);
                    afterwards.run();
                });
                return;
            } catch (OptimisticLockingException e) {
                if (attempt >= OPTIMISTIC_LOCK_ATTEMPTS) {
                    throw new TaskActionException("task.error.busy");
                }
            } catch (TaskAlreadyClaimedException e) {
                throw new TaskActionException("task.error.taken");
            } catch (AuthorizationException e) {
                throw new TaskActionException("task.error.forbidden");
            } catch (ProcessEngineException e) {
                if (isGone(e)) {
                    throw new TaskActionException("task.error.taken");
                }
                if (!isConcurrentChange(e)) {
                    throw e;
                }
                if (attempt >= OPTIMISTIC_LOCK_ATTEMPTS) {
                    throw new TaskActionException("task.error.busy");
                }
            } catch (NullPointerException e) {
                // The engine's own symptom of the same race (seen in TwoNodesIT): completing a task whose execution
                // another node ended between our read and our write ("execution is null" in TaskEntity.complete).
                // The transaction is rolled back; a new attempt reads fresh state and finds the task gone or done.
                if (attempt >= OPTIMISTIC_LOCK_ATTEMPTS) {
                    throw new TaskActionException("task.error.busy");
                }
            }
        }
    }

    /**
     * Another transaction changed the same executions at the same moment, in a way the engine does not report as an
     * optimistic-locking failure: a timer's concurrent execution reorganised the tree under the task (ENGINE-03077,
     * "perhaps it was deleted in the meantime"), or the database chose this transaction as a deadlock or
     * serialization victim (SQLSTATE class 40). Retried like an optimistic-locking failure (TwoNodesIT).
     */
    private static boolean isConcurrentChange(ProcessEngineException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("ENGINE-03077")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** The task or execution was completed by someone else between our read and our write. */
    private static boolean isGone(ProcessEngineException e) {
        return e instanceof org.camunda.bpm.engine.exception.NullValueException
                || e instanceof org.camunda.bpm.engine.exception.NotFoundException
                || e instanceof org.camunda.bpm.engine.MismatchingMessageCorrelationException;
    }
}
