package fr.beta.guichet.metrics;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import fr.beta.guichet.dockerhub.DockerHubProcess;
import fr.beta.guichet.dockerhub.DockerHubRequest;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.JobDriver;

/**
 * Fifty requests run through the real processes in January and February 2001, with the engine's clock set at
 * every step, so that each metric has a known answer:
 * <ul>
 * <li>A — 20 subdomains created on Tuesday 2001-01-02 09:00 (+i min, i = 1..20), taken after i hours (odd i by
 * florian, even i by julien), confirmed one hour later: time to claim 1..20 h, time to done 2..21 h;</li>
 * <li>B — 10 subdomains created on 2001-01-09 10:00 (+j min), all reminded at 24 h; j = 1..5 rejected at claim
 * by guillett at 30 h; j = 6..8 escalated at 48 h and cancelled by the requester at 50 h; j = 9..10 escalated and
 * still open;</li>
 * <li>C — 10 Docker Hub requests created on 2001-02-06 08:00 (+k min), k = 1..9 taken by jerome after k hours and
 * confirmed at k + 2 hours; k = 10 taken by totakoko after 10 hours, its execution job out of retries (an open
 * incident).</li>
 * </ul>
 */
class MetricsScenario {

    static final String REQUESTER = "alice";

    private final RequestStarter starter;
    private final RequestTasks tasks;
    private final RequestTypes types;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final JobDriver jobs;

    MetricsScenario(RequestStarter starter, RequestTasks tasks, RequestTypes types, RuntimeService runtimeService,
            TaskService taskService, ManagementService managementService, JobDriver jobs) {
        this.starter = starter;
        this.tasks = tasks;
        this.types = types;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.jobs = jobs;
    }

    void run() {
        try {
            for (int i = 1; i <= 20; i++) {
                LocalDateTime created = LocalDateTime.of(2001, 1, 2, 9, 0).plusMinutes(i);
                ProcessInstance pi = startSubdomain(created);
                take(pi, created.plusHours(i), i % 2 == 1 ? "florian" : "julien");
                confirm(pi, created.plusHours(i + 1), i % 2 == 1 ? "florian" : "julien");
            }
            for (int j = 1; j <= 10; j++) {
                LocalDateTime created = LocalDateTime.of(2001, 1, 9, 10, 0).plusMinutes(j);
                ProcessInstance pi = startSubdomain(created);
                fireTimer(pi, LifecycleElements.REMINDER_TIMER, created.plusHours(24));
                if (j <= 5) {
                    at(created.plusHours(30));
                    tasks.reject(claimTask(pi), "guillett", "Pas pour nous.");
                    jobs.runDueJobs(pi.getId());
                    continue;
                }
                fireTimer(pi, LifecycleElements.ESCALATION_TIMER, created.plusHours(48));
                if (j <= 8) {
                    at(created.plusHours(50));
                    tasks.cancel(pi.getId(), REQUESTER);
                    jobs.runDueJobs(pi.getId());
                }
            }
            for (int k = 1; k <= 10; k++) {
                LocalDateTime created = LocalDateTime.of(2001, 2, 6, 8, 0).plusMinutes(k);
                ProcessInstance pi = start(DockerHubProcess.KEY, new DockerHubRequest(
                        "dev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), "developers",
                        "Startup", "Publier nos images"), created);
                if (k < 10) {
                    take(pi, created.plusHours(k), "jerome");
                    confirm(pi, created.plusHours(k + 2), "jerome");
                } else {
                    at(created.plusHours(k));
                    tasks.take(claimTask(pi), "totakoko");
                    breakExecution(pi);
                    jobs.runDueJobs(pi.getId());
                }
            }
        } finally {
            ClockUtil.reset();
        }
    }

    /** Runs the jobs before {@code execute}, then takes its job's retries away: the engine opens an incident. */
    private void breakExecution(ProcessInstance pi) {
        for (int n = 0; n < 20; n++) {
            var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                    .activityId(LifecycleElements.EXECUTE).singleResult();
            if (execute != null) {
                managementService.setJobRetries(execute.getId(), 0);
                return;
            }
            jobs.execute(managementService.createJobQuery().processInstanceId(pi.getId()).executable().list().get(0));
        }
        throw new AssertionError("execute never reached");
    }

    private ProcessInstance startSubdomain(LocalDateTime created) {
        return start(SubdomainProcess.KEY, new SubdomainRequest("m" + UUID.randomUUID().toString().substring(0, 8),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Startup d'État", "Site"), created);
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> ProcessInstance start(String key, R request, LocalDateTime created) {
        at(created);
        var type = (RequestType<R>) types.byKey(key).orElseThrow();
        String reference = starter.start(type, request, REQUESTER);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        jobs.runDueJobs(pi.getId());
        return pi;
    }

    private void take(ProcessInstance pi, LocalDateTime when, String admin) {
        at(when);
        tasks.take(claimTask(pi), admin);
        jobs.runDueJobsAndProviderPolling(pi.getId());
    }

    private void confirm(ProcessInstance pi, LocalDateTime when, String admin) {
        at(when);
        var confirm = taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(LifecycleElements.CONFIRM).singleResult();
        tasks.confirm(confirm.getId(), admin);
        jobs.runDueJobs(pi.getId());
    }

    private void fireTimer(ProcessInstance pi, String boundaryEvent, LocalDateTime when) {
        at(when);
        jobs.execute(jobs.timer(pi.getId(), boundaryEvent));
        jobs.runDueJobs(pi.getId());
    }

    private String claimTask(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(LifecycleElements.CLAIM).singleResult().getId();
    }

    private static void at(LocalDateTime time) {
        ClockUtil.setCurrentTime(Date.from(time.atZone(ZoneId.systemDefault()).toInstant()));
    }
}
