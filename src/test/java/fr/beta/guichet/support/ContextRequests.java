package fr.beta.guichet.support;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives requests in an application context built by hand (restart and upgrade scenarios), by reference, with the
 * job executor off: their open task and the jobs the job executor would run.
 */
public final class ContextRequests {

    private static final int MAX_JOBS = 50;

    private ContextRequests() {
    }

    /** The request's open task (its own or its notifications' share the business key). */
    public static Task task(ConfigurableApplicationContext context, String reference) {
        return context.getBean(TaskService.class).createTaskQuery().processInstanceBusinessKey(reference)
                .singleResult();
    }

    /** Where the request waits for a person: the task definition key of its open task. */
    public static String waitsAt(ConfigurableApplicationContext context, String reference) {
        return task(context, reference).getTaskDefinitionKey();
    }

    /** Every due job of the request and of its notifications (same business key), as the job executor would. */
    public static void runJobs(ConfigurableApplicationContext context, String reference) {
        var runtime = context.getBean(RuntimeService.class);
        var management = context.getBean(ManagementService.class);
        for (int i = 0; i < MAX_JOBS; i++) {
            List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list().stream()
                    .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).executable().list()
                            .stream())
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("more than " + MAX_JOBS + " jobs for " + reference);
    }
}
