package fr.beta.guichet.support;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.springframework.boot.test.context.TestComponent;

import fr.beta.guichet.request.chat.ChatReplyProcess;

/** Runs a process instance's jobs in the test thread, as the job executor would. */
@Component
public class JobDriver {

    private static final int MAX_JOBS = 50;

    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    JobDriver(ManagementService managementService, RuntimeService runtimeService, HistoryService historyService) {
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    /**
     * Executes every due job of the instance (async continuations, not future timers) until none is left, and the
     * due jobs of the notifications that people's actions on it started ({@code notify-chat}, same business key).
     */
    public void runDueJobs(String processInstanceId) {
        for (int i = 0; i < MAX_JOBS; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                due = notificationJobs(processInstanceId);
            }
            if (due.isEmpty()) {
                return;
            }
            managementService.executeJob(due.get(0).getId());
        }
        throw new AssertionError("More than " + MAX_JOBS + " jobs: a loop in the model?");
    }

    /**
     * Runs due jobs, and lets the provider-polling timer fire at once each time the process waits on it, until the
     * process waits on something else (a user task, a reminder) or ends.
     */
    public void runDueJobsAndProviderPolling(String processInstanceId) {
        for (int i = 0; i < MAX_JOBS; i++) {
            runDueJobs(processInstanceId);
            Job polling = timer(processInstanceId, "TimerEvent_ProviderDelay");
            if (polling == null) {
                return;
            }
            execute(polling);
        }
        throw new AssertionError("The provider never finished");
    }

    private List<Job> notificationJobs(String processInstanceId) {
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        String businessKey = instance != null ? instance.getBusinessKey()
                : historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                        .singleResult().getBusinessKey();
        if (businessKey == null) {
            return List.of();
        }
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ChatReplyProcess.KEY)
                .processInstanceBusinessKey(businessKey).list().stream()
                .flatMap(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).executable().list()
                        .stream())
                .toList();
    }

    /** The timer job of a boundary event, whatever its due date. */
    public Job timer(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId(activityId).singleResult();
    }

    public void execute(Job job) {
        managementService.executeJob(job.getId());
    }
}
