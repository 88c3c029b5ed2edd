package fr.beta.guichet.request.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestStatus;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.JobDriver;

/**
 * Every path of the shared lifecycle, run for one request type with its real delegates and its sandbox provider.
 * Each type's process test extends this class and says how to make a request, how to occupy its name at the
 * provider, how to break the provider, and how to count what the provider holds.
 *
 * @param <R> the type's form record
 */
public abstract class RequestLifecycleTests<R extends Record> {

    protected static final String REQUESTER = "alice";

    @Autowired protected ProcessEngine engine;
    @Autowired protected RuntimeService runtimeService;
    @Autowired protected TaskService taskService;
    @Autowired protected HistoryService historyService;
    @Autowired protected ManagementService managementService;
    @Autowired protected RequestStarter starter;
    @Autowired protected RequestTasks tasks;
    @Autowired protected RequestTypes types;
    @Autowired protected AccessHolders holders;
    @Autowired protected ProviderTransports transports;
    @Autowired protected ChatIdentities identities;
    @Autowired protected JobDriver jobs;
    @Autowired protected RequestDialogue dialogue;
    @Autowired protected RequestReadModel readModel;

    protected static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");

    /** The type under test. */
    protected abstract RequestType<R> type();

    /** A valid request whose resource does not exist yet (unique on every call). */
    protected abstract R newRequest();

    /** A request that the business checks refuse (e.g. a name already taken). */
    protected abstract R refusedRequest();

    /** Words of the rejection reason of {@link #refusedRequest()}. */
    protected abstract String refusalReason();

    /** Someone else takes the request's name at the provider between validation and execution. */
    protected abstract void occupyAtProvider(R request);

    /** The provider did the work but its answer was lost: the resource exists exactly as requested. */
    protected abstract void createAtProviderAsRequested(R request, String reference);

    /** The provider answers 503 to writes from now on. */
    protected abstract void breakProvider();

    protected abstract void repairProvider();

    /** How many resources the provider holds for this request (exactly one once done). */
    protected abstract long resourcesAtProvider(R request);

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    /** Sets the engine clock to this Paris time. */
    protected static void clockAt(String localDateTime) {
        ClockUtil.setCurrentTime(Date.from(paris(localDateTime)));
    }

    protected static java.time.Instant paris(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void takenThenConfirmedRequestIsExecutedAndEndsDone() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(task(pi)).hasCandidateGroup(type().resourceGroup());

        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(task(pi)).isAssignedTo(firstHolder());
        assertThat(resourcesAtProvider(request)).isEqualTo(1);

        tasks.confirm(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.EXECUTE, LifecycleElements.CONFIRM);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);

        ChatThread thread = thread(pi);
        assertThat(thread.message()).contains(pi.getBusinessKey()).contains(chat().mention(REQUESTER));
        assertThat(replies(pi))
                .anySatisfy(m -> assertThat(m).contains(chat().mention(firstHolder()) + " prend la demande"))
                .anySatisfy(m -> assertThat(m).contains("fait"));
        assertThat(thread.reactions()).contains("white_check_mark");
    }

    @Test
    void failedBusinessCheckEndsRejectedAtValidateWithTheReason() {
        ProcessInstance pi = startRaw(refusedRequest());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasNotPassed(LifecycleElements.ANNOUNCE);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(historicVariable(pi, RequestVariables.REJECTION_REASON.name())).asString().contains(refusalReason());
    }

    @Test
    void rejectedAtClaimEndsRejectedAndTellsTheThread() {
        ProcessInstance pi = start(newRequest());
        tasks.reject(task(pi).getId(), secondHolder(), "Ce n'est pas le bon canal pour cette demande.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasNotPassed(LifecycleElements.EXECUTE);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("Ce n'est pas le bon canal pour cette demande."));
    }

    @Test
    void declinedByTheAssigneeThenTakenByAnother() {
        ProcessInstance pi = start(newRequest());
        Task claim = task(pi);
        taskService.setAssignee(claim.getId(), firstHolder());

        assertThatThrownBy(() -> tasks.take(claim.getId(), secondHolder()))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.taken");
        tasks.decline(claim.getId(), firstHolder());
        assertThat(task(pi)).isNotAssigned();

        tasks.take(claim.getId(), secondHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(task(pi)).isAssignedTo(secondHolder());
        assertThat(replies(pi))
                .anySatisfy(m -> assertThat(m).contains(chat().mention(firstHolder()) + " passe son tour"))
                .anySatisfy(m -> assertThat(m).contains(chat().mention(secondHolder()) + " prend la demande"));
    }

    @Test
    void someoneOutsideTheGroupCannotTakeTheRequest() {
        ProcessInstance pi = start(newRequest());
        assertThatThrownBy(() -> tasks.take(task(pi).getId(), REQUESTER))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
    }

    @Test
    void cancelledByTheRequesterWhileUnclaimed() {
        ProcessInstance pi = start(newRequest());
        tasks.cancel(pi.getId(), REQUESTER);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.CANCELLED);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("annulée par " + chat().mention(REQUESTER)));
    }

    @Test
    void claimedRequestCannotBeCancelled() {
        ProcessInstance pi = start(newRequest());
        tasks.take(task(pi).getId(), firstHolder());
        assertThatThrownBy(() -> tasks.cancel(pi.getId(), REQUESTER))
                .isInstanceOf(TaskActionException.class).hasMessage("request.error.notCancellable");
    }

    @Test
    void providerRefusalGoesToManualExecutionThenDone() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        occupyAtProvider(request);
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(task(pi)).isAssignedTo(firstHolder());
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_ERROR.name())).asString().isNotBlank();

        tasks.completeManually(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.EXECUTE_MANUALLY).hasNotPassed(LifecycleElements.CONFIRM);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void providerRefusalThenRejectedByTheExecutor() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        occupyAtProvider(request);
        jobs.runDueJobsAndProviderPolling(pi.getId());

        tasks.reject(task(pi).getId(), firstHolder(), "Pris par une autre équipe.");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("Pris par une autre équipe."));
    }

    @Test
    void technicalErrorIsRetriedThenBecomesAnIncidentThatARetryResolves() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        breakProvider();
        try {
            assertThatThrownBy(() -> jobs.runDueJobs(pi.getId())).isInstanceOf(ProviderUnavailableException.class);
            var job = managementService.createJobQuery().processInstanceId(pi.getId())
                    .activityId(LifecycleElements.EXECUTE).singleResult();
            assertThat(job.getRetries()).isEqualTo(2);
            assertThat(job.getDuedate()).isAfter(new Date(System.currentTimeMillis() + Duration.ofMinutes(4).toMillis()));
            for (int attempt = 2; attempt <= 3; attempt++) {
                assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                        .isInstanceOf(ProviderUnavailableException.class);
            }
            var incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
            assertThat(incident).isNotNull();
            assertThat(incident.getActivityId()).isEqualTo(LifecycleElements.EXECUTE);
            assertThat(incident.getIncidentMessage()).contains("503");
            assertThat(resourcesAtProvider(request)).isZero();

            repairProvider();
            managementService.setJobRetries(job.getId(), 1); // what "Retry" in Cockpit does
            managementService.executeJob(job.getId());
        } finally {
            repairProvider();
        }
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
    }

    @Test
    void retriedExecutionFindsTheResourceAlreadyCreatedAndDoesNotDuplicateIt() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        createAtProviderAsRequested(request, pi.getBusinessKey());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
    }

    @Test
    void unclaimedForADayRemindsTheAccessHoldersByNameAndRepeats() {
        clockAt("2026-03-03T10:00"); // a Tuesday: one working day later is Wednesday 10:00, 24 h
        ProcessInstance pi = start(newRequest());
        var reminder = jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER);
        assertThat(Duration.between(task(pi).getCreateTime().toInstant(), reminder.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24).plusMinutes(1));

        jobs.execute(reminder);
        // the timer only moves on: the reminder is posted by its own job, so a claim at that moment never rolls
        // back a message already sent
        assertThat(replies(pi)).noneMatch(m -> m.contains("Relance n°1"));
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        List<String> mentions = holders.of(type().resourceGroup()).stream().map(chat()::mention).toList();
        assertThat(mentions).isNotEmpty();
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains(mentions).contains("Relance n°1"));
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.REMINDERS_SENT.name())).isEqualTo(1);

        var next = jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER);
        assertThat(next).as("the cycle schedules the next reminder").isNotNull();
        jobs.execute(next);
        jobs.runDueJobs(pi.getId());
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.REMINDERS_SENT.name())).isEqualTo(2);
    }

    @Test
    void unclaimedForTwoDaysEscalatesToManagersOnce() {
        clockAt("2026-03-03T10:00"); // two working days later is Thursday 10:00, 48 h
        ProcessInstance pi = start(newRequest());
        var escalation = jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER);
        assertThat(Duration.between(task(pi).getCreateTime().toInstant(), escalation.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(48).minusMinutes(1), Duration.ofHours(48).plusMinutes(1));

        jobs.execute(escalation);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.ESCALATED.name())).isEqualTo(true);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains(chat().mention("manon")).contains("2 jours ouvrés")
                .contains(type().resourceGroup()));
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).isNull();
    }

    @Test
    void claimingEndsTheReminderAndEscalationTimers() {
        ProcessInstance pi = start(newRequest());
        tasks.take(task(pi).getId(), secondHolder());
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER)).isNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).isNull();
    }

    @Test
    void askedAtClaimWaitsForTheRequesterThenComesBackToTheAdminWhoAsked() {
        ProcessInstance pi = start(newRequest());
        tasks.ask(task(pi).getId(), firstHolder(), "Quelle cible exactement ?");
        jobs.runDueJobs(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        assertThat(task(pi)).isAssignedTo(REQUESTER).hasName("Répondre à la question");
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER)).as("no reminder while it waits").isNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).as("no escalation").isNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.QUESTION_REMINDER_TIMER)).isNotNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.QUESTION_EXPIRED_TIMER)).isNotNull();
        assertThat(readModel.request(pi.getId()).orElseThrow().status()).isEqualTo(RequestStatus.QUESTION);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m)
                .contains(chat().mention(firstHolder()) + " demande une précision à " + chat().mention(REQUESTER))
                .contains("Quelle cible exactement ?"));

        dialogue.answer(pi.getId(), REQUESTER, "La cible est bien celle indiquée.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM).hasNotPassed(LifecycleElements.REVALIDATE);
        assertThat(task(pi)).as("back to the admin who asked").isAssignedTo(firstHolder());
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER)).as("clocks restarted").isNotNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).isNotNull();
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("Réponse de " + chat().mention(REQUESTER))
                .contains("La cible est bien celle indiquée."));
        assertThat(dialogue.exchanges(pi.getId())).singleElement().satisfies(e -> {
            assertThat(e.question()).isEqualTo("Quelle cible exactement ?");
            assertThat(e.askedBy()).isEqualTo(firstHolder());
            assertThat(e.answer()).isEqualTo("La cible est bien celle indiquée.");
        });

        // « Je passe » hands it back to the group; another admin takes it and it ends as usual
        tasks.decline(task(pi).getId(), firstHolder());
        assertThat(task(pi)).isNotAssigned();
        tasks.take(task(pi).getId(), secondHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        tasks.confirm(task(pi).getId(), secondHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void aQuestionPausesTheAdminsClockAndTheAnswerRestartsIt() {
        clockAt("2026-03-03T10:00"); // Tuesday: the reminder is due on Wednesday 10:00
        ProcessInstance pi = start(newRequest());
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER).getDuedate().toInstant())
                .isEqualTo(paris("2026-03-04T10:00"));

        clockAt("2026-03-04T09:00"); // one working hour before the reminder
        tasks.ask(task(pi).getId(), firstHolder(), "Pour quelle date en avez-vous besoin ?");
        jobs.runDueJobs(pi.getId());
        clockAt("2026-03-04T11:00"); // past the reminder's old due date
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        assertThat(replies(pi)).noneMatch(m -> m.contains("Relance n°"));
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.REMINDERS_SENT.name())).isNull();

        clockAt("2026-03-05T10:00"); // the answer on Thursday 10:00
        dialogue.answer(pi.getId(), REQUESTER, "Avant la fin du mois.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER).getDuedate().toInstant())
                .as("a full working day after the answer").isEqualTo(paris("2026-03-06T10:00"));
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER).getDuedate().toInstant())
                .as("two working days after the answer, over the weekend").isEqualTo(paris("2026-03-09T10:00"));
    }

    @Test
    void anUnansweredQuestionRemindsTheRequesterAfterThreeWorkingDaysAndCancelsAfterTen() {
        clockAt("2026-03-03T10:00");
        ProcessInstance pi = start(newRequest());
        tasks.ask(task(pi).getId(), firstHolder(), "Quel est le nom exact de la startup ?");
        jobs.runDueJobs(pi.getId());
        var reminder = jobs.timer(pi.getId(), LifecycleElements.QUESTION_REMINDER_TIMER);
        var expiry = jobs.timer(pi.getId(), LifecycleElements.QUESTION_EXPIRED_TIMER);
        assertThat(reminder.getDuedate().toInstant()).isEqualTo(paris("2026-03-06T10:00"));
        assertThat(expiry.getDuedate().toInstant()).isEqualTo(paris("2026-03-17T10:00"));
        assertThat(dialogue.of(pi.getId()).cancelDue()).isEqualTo(paris("2026-03-17T10:00"));

        clockAt("2026-03-06T10:00");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains(chat().mention(REQUESTER))
                .contains("attend toujours votre réponse").contains("17/03/2026 10:00"));
        assertThat(dialogue.of(pi.getId()).reminded()).isTrue();

        clockAt("2026-03-17T09:59");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        clockAt("2026-03-17T10:00");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.CANCELLED);
        assertThat(readModel.request(pi.getId()).orElseThrow().status()).isEqualTo(RequestStatus.UNANSWERED);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("annulée sans réponse de " + chat().mention(REQUESTER)));
        assertThatThrownBy(() -> dialogue.answer(pi.getId(), REQUESTER, "Trop tard"))
                .isInstanceOf(TaskActionException.class).hasMessage("dialogue.error.notWaiting");
    }

    @Test
    void askedDuringManualExecutionComesBackToTheExecutor() {
        R request = newRequest();
        ProcessInstance pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        occupyAtProvider(request);
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);

        tasks.ask(task(pi).getId(), firstHolder(), "Le nom est pris : en voulez-vous un autre ?");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        dialogue.answer(pi.getId(), REQUESTER, "Faites au mieux.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(task(pi)).isAssignedTo(firstHolder());
        tasks.completeManually(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void aCorrectedRequestReplacesTheDataAndIsCheckedAgain() {
        ProcessInstance pi = start(newRequest());
        tasks.ask(task(pi).getId(), firstHolder(), "Pouvez-vous corriger la demande ?");
        jobs.runDueJobs(pi.getId());
        R corrected = newRequest();
        dialogue.answer(pi.getId(), REQUESTER, "Voici la demande corrigée.", type(), corrected);
        jobs.runDueJobs(pi.getId());

        assertThat(pi).hasPassed(LifecycleElements.REVALIDATE).isWaitingAt(LifecycleElements.CLAIM);
        org.camunda.bpm.engine.variable.value.ObjectValue data =
                runtimeService.getVariableTyped(pi.getId(), RequestVariables.REQUEST.name());
        assertThat(data.getValue(type().requestClass())).isEqualTo(corrected);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.DESCRIPTION.name()))
                .isEqualTo(type().describe(corrected));
        // typed text reaches the chat inert: links broken by a zero-width space, markup escaped
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m.replace("\u200B", "").replace("\\", ""))
                .contains("Demande corrigée : " + type().describe(corrected)));
    }

    @Test
    void aCorrectionThatFailsTheChecksEndsRejectedWithTheReason() {
        ProcessInstance pi = start(newRequest());
        tasks.ask(task(pi).getId(), firstHolder(), "Pouvez-vous corriger la demande ?");
        jobs.runDueJobs(pi.getId());
        dialogue.answer(pi.getId(), REQUESTER, "Voici.", type(), refusedRequest());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.REVALIDATE);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(historicVariable(pi, RequestVariables.REJECTION_REASON.name())).asString().contains(refusalReason());
    }

    @Test
    void onlyAnAdminOfTheGroupAsksAndOnlyTheRequesterAnswers() {
        ProcessInstance pi = start(newRequest());
        assertThatThrownBy(() -> tasks.ask(task(pi).getId(), REQUESTER, "?"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        taskService.setAssignee(task(pi).getId(), firstHolder());
        assertThatThrownBy(() -> tasks.ask(task(pi).getId(), secondHolder(), "Une question ?"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.taken");
        tasks.ask(task(pi).getId(), firstHolder(), "Une question ?");
        jobs.runDueJobs(pi.getId());
        assertThatThrownBy(() -> dialogue.answer(pi.getId(), "bob", "Je réponds à sa place"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        assertThatThrownBy(() -> dialogue.answer(pi.getId(), firstHolder(), "Moi aussi"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
    }

    /** Starts the request as the requester and runs it up to {@code claim}. */
    protected ProcessInstance start(R request) {
        ProcessInstance pi = startRaw(request);
        jobs.runDueJobs(pi.getId());
        return pi;
    }

    /** Starts the request as the requester, bypassing the form's checks. */
    protected ProcessInstance startRaw(R request) {
        String reference = starter.start(type(), request, REQUESTER);
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
    }

    protected String firstHolder() {
        return holders.of(type().resourceGroup()).get(0);
    }

    protected String secondHolder() {
        return holders.of(type().resourceGroup()).get(1);
    }

    protected Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /** The sandbox chat(s) of {@code guichet.chat}. */
    protected ChatProbe chat() {
        return new ChatProbe(transports, identities);
    }

    /** The request's thread in the (first) chat. */
    protected ChatThread thread(ProcessInstance pi) {
        String root = (String) historicVariable(pi, RequestVariables.MATTERMOST_POST_ID.name());
        return chat().thread(root).orElseThrow();
    }

    protected List<String> replies(ProcessInstance pi) {
        return thread(pi).replyMessages();
    }

    protected Object historicVariable(ProcessInstance pi, String name) {
        var v = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
                .singleResult();
        return v == null ? null : v.getValue();
    }

    protected String historicEnd(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId();
    }
}
