package fr.beta.guichet.subdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.lifecycle.LifecycleElements;
import fr.beta.guichet.lifecycle.RequestStarter;
import fr.beta.guichet.lifecycle.RequestTasks;
import fr.beta.guichet.lifecycle.RequestVariables;
import fr.beta.guichet.lifecycle.TaskActionException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.mattermost.SandboxMattermost;
import fr.beta.guichet.provider.mattermost.SandboxThread;
import fr.beta.guichet.provider.ovh.DnsRecordType;
import fr.beta.guichet.provider.ovh.SandboxDnsZone;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every path of {@code request-subdomain}, with the real delegates and the sandbox providers (the in-process
 * fakes of OVH and Mattermost). Jobs are run by the test: no waiting.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class SubdomainProcessTests {

    private static final String ZONE = "beta.gouv.fr";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired SubdomainRequestType subdomains;
    @Autowired SandboxMattermost chat;
    @Autowired JobDriver jobs;
    @MockitoSpyBean SandboxDnsZone dns;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void takenThenConfirmedRequestCreatesTheRecordAndEndsDone() {
        String label = uniqueLabel();
        ProcessInstance pi = submit(label);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(task(pi)).hasCandidateGroup("ops-ovh");

        tasks.take(task(pi).getId(), "florian");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(task(pi)).isAssignedTo("florian");
        assertThat(dns.records(ZONE)).anyMatch(r -> r.subDomain().equals(label) && r.fieldType() == DnsRecordType.CNAME
                && r.target().equals("app.osc-fr1.scalingo.io."));
        assertThat(dns.operations()).anyMatch(op -> op.operation().equals("refresh"));

        tasks.confirm(task(pi).getId(), "florian");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.EXECUTE, LifecycleElements.CONFIRM);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);

        SandboxThread thread = thread(pi);
        assertThat(thread.message()).contains(pi.getBusinessKey()).contains("@alice").contains(label + ".beta.gouv.fr");
        assertThat(thread.replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("@florian prend la demande"))
                .anySatisfy(m -> assertThat(m).contains("fait"));
        assertThat(thread.reactions()).contains("white_check_mark");
    }

    @Test
    void takenNameEndsRejectedAtValidateWithTheReason() {
        ProcessInstance pi = start(new SubdomainRequest("www", SubdomainRecordType.CNAME, "other.example.org.", 3600,
                "Startup", "Test"));
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasNotPassed(LifecycleElements.ANNOUNCE);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(historicVariable(pi, RequestVariables.REJECTION_REASON.name()))
                .asString().contains("www.beta.gouv.fr").contains("déjà utilisé");
    }

    @Test
    void rejectedAtClaimEndsRejectedAndTellsTheThread() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        tasks.reject(task(pi).getId(), "julien", "Utilisez plutôt le domaine de votre ministère.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasNotPassed(LifecycleElements.EXECUTE);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(thread(pi).replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("Utilisez plutôt le domaine de votre ministère."));
    }

    @Test
    void declinedByTheAssigneeThenTakenByAnother() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        Task claim = task(pi);
        taskService.setAssignee(claim.getId(), "hussardnum");

        assertThatThrownBy(() -> tasks.take(claim.getId(), "julien"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.taken");
        tasks.decline(claim.getId(), "hussardnum");
        assertThat(task(pi)).isNotAssigned();

        tasks.take(claim.getId(), "julien");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(task(pi)).isAssignedTo("julien");
        assertThat(thread(pi).replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("@hussardnum passe son tour"))
                .anySatisfy(m -> assertThat(m).contains("@julien prend la demande"));
    }

    @Test
    void adminOutsideTheGroupCannotTakeTheRequest() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        assertThatThrownBy(() -> tasks.take(task(pi).getId(), "jerome"))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
    }

    @Test
    void cancelledByTheRequesterWhileUnclaimed() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        tasks.cancel(pi.getId(), "alice");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.CANCELLED);
        assertThat(thread(pi).replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("annulée par @alice"));
    }

    @Test
    void claimedRequestCannotBeCancelled() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "florian");
        assertThatThrownBy(() -> tasks.cancel(pi.getId(), "alice"))
                .isInstanceOf(TaskActionException.class).hasMessage("request.error.notCancellable");
    }

    @Test
    void providerRefusalGoesToManualExecutionThenDone() {
        String label = uniqueLabel();
        ProcessInstance pi = submit(label);
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "florian");
        // someone created another record at that name between validation and execution
        dns.createRecord(ZONE, label, DnsRecordType.A, "192.0.2.7", 300);
        jobs.runDueJobs(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(task(pi)).isAssignedTo("florian");
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_ERROR.name()))
                .asString().contains("192.0.2.7");

        tasks.completeManually(task(pi).getId(), "florian");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.EXECUTE_MANUALLY).hasNotPassed(LifecycleElements.CONFIRM);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void providerRefusalThenRejectedByTheExecutor() {
        String label = uniqueLabel();
        ProcessInstance pi = submit(label);
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "florian");
        dns.createRecord(ZONE, label, DnsRecordType.TXT, "occupied", 300);
        jobs.runDueJobs(pi.getId());

        tasks.rejectAfterFailure(task(pi).getId(), "florian", "Le nom est pris par une autre équipe.");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
    }

    @Test
    void technicalErrorIsRetriedThenBecomesAnIncidentThatARetryResolves() {
        String label = uniqueLabel();
        ProcessInstance pi = submit(label);
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "florian");
        doThrow(new ProviderUnavailableException("ovh", "POST /domain/zone/beta.gouv.fr/record answered 503"))
                .when(dns).createRecord(anyString(), anyString(), any(), anyString(), anyInt());
        assertThatThrownBy(() -> jobs.runDueJobs(pi.getId())) // NotifyClaimed, then the first failing attempt
                .isInstanceOf(ProviderUnavailableException.class);

        var job = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(LifecycleElements.EXECUTE)
                .singleResult();
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

        doCallRealMethod().when(dns).createRecord(anyString(), anyString(), any(), anyString(), anyInt());
        managementService.setJobRetries(job.getId(), 1); // what "Retry" in Cockpit does
        managementService.executeJob(job.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(dns.records(ZONE)).filteredOn(r -> r.subDomain().equals(label)).hasSize(1);
    }

    @Test
    void retriedExecutionFindsTheRecordAlreadyCreatedAndDoesNotDuplicateIt() {
        String label = uniqueLabel();
        ProcessInstance pi = submit(label);
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "florian");
        // the provider did the work but the answer was lost
        dns.createRecord(ZONE, label, DnsRecordType.CNAME, "APP.osc-fr1.scalingo.io", 300);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dns.records(ZONE)).filteredOn(r -> r.subDomain().equals(label)).hasSize(1);
    }

    @Test
    void unclaimedFor24hRemindsTheAccessHoldersByNameAndRepeats() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        var reminder = jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER);
        assertThat(Duration.between(task(pi).getCreateTime().toInstant(), reminder.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24).plusMinutes(1));

        jobs.execute(reminder);
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(thread(pi).replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("@florian", "@guillett", "@hussardnum", "@julien")
                        .contains("Relance n°1"));
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.REMINDERS_SENT.name())).isEqualTo(1);

        var next = jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER);
        assertThat(next).as("the cycle schedules the next reminder").isNotNull();
        jobs.execute(next);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.REMINDERS_SENT.name())).isEqualTo(2);
    }

    @Test
    void unclaimedFor48hEscalatesToManagersOnce() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        var escalation = jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER);
        assertThat(Duration.between(task(pi).getCreateTime().toInstant(), escalation.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(48).minusMinutes(1), Duration.ofHours(48).plusMinutes(1));

        jobs.execute(escalation);
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.ESCALATED.name())).isEqualTo(true);
        assertThat(thread(pi).replies()).extracting(SandboxThread.Reply::message)
                .anySatisfy(m -> assertThat(m).contains("@manon").contains("48 h").contains("ops-ovh"));
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).isNull();
    }

    @Test
    void claimingEndsTheReminderAndEscalationTimers() {
        ProcessInstance pi = submit(uniqueLabel());
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), "julien");
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER)).isNull();
        assertThat(jobs.timer(pi.getId(), LifecycleElements.ESCALATION_TIMER)).isNull();
    }

    private ProcessInstance submit(String label) {
        return start(new SubdomainRequest(label, SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600,
                "Startup d'État", "Mettre en ligne le site"));
    }

    private ProcessInstance start(SubdomainRequest request) {
        String reference = starter.start(subdomains, request, "alice");
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
    }

    private Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private SandboxThread thread(ProcessInstance pi) {
        String root = (String) historicVariable(pi, RequestVariables.MATTERMOST_POST_ID.name());
        return chat.thread(root).orElseThrow();
    }

    private Object historicVariable(ProcessInstance pi, String name) {
        var v = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
                .singleResult();
        return v == null ? null : v.getValue();
    }

    private String historicEnd(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId();
    }

    private static String uniqueLabel() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
