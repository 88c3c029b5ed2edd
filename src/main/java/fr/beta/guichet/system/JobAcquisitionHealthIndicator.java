package fr.beta.guichet.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of this node's job executor, in the readiness group ({@code /actuator/health/readiness}) as
 * {@code jobAcquisition}: timers, executions and notifications only run where a job executor acquires jobs.
 * <ul>
 *   <li>UP when the executor is running and its last acquisition cycle did not fail;</li>
 *   <li>DOWN when it should run ({@code camunda.bpm.job-execution.enabled}) but is stopped, or when its last
 *   acquisition failed (e.g. the database refused the query);</li>
 *   <li>UP with {@code enabled=false} on a node whose job executor is off on purpose (a web-only node: other nodes
 *   run the jobs).</li>
 * </ul>
 * Details (lock owner, the error's type) are only shown to whoever may see health details (never by default).
 */
@Component
class JobAcquisitionHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;

    JobAcquisitionHealthIndicator(ProcessEngine engine) {
        super("job acquisition health check failed");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        check(configuration.isJobExecutorActivate(), configuration.getJobExecutor(), builder);
    }

    /** The rule, on its own so that a test can give it a stopped or failing executor. */
    static void check(boolean enabled, JobExecutor jobExecutor, Health.Builder builder) {
        if (!enabled) {
            builder.up().withDetail("enabled", false);
            return;
        }
        if (jobExecutor == null || !jobExecutor.isActive()) {
            builder.down().withDetail("enabled", true).withDetail("active", false);
            return;
        }
        builder.withDetail("enabled", true).withDetail("active", true)
                .withDetail("lockOwner", String.valueOf(jobExecutor.getLockOwner()));
        Exception failure = lastAcquisitionFailure(jobExecutor);
        if (failure != null) {
            builder.down().withDetail("lastAcquisition", "failed: " + failure.getClass().getSimpleName());
        } else {
            builder.up();
        }
    }

    private static Exception lastAcquisitionFailure(JobExecutor jobExecutor) {
        if (jobExecutor.getAcquireJobsRunnable() instanceof SequentialJobAcquisitionRunnable acquisition
                && acquisition.getAcquisitionContext() != null) {
            return acquisition.getAcquisitionContext().getAcquisitionException();
        }
        return null;
    }
}
