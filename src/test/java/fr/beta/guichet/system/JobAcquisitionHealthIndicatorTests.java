package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The rule of {@link JobAcquisitionHealthIndicator}, on job executors in each state. */
class JobAcquisitionHealthIndicatorTests {

    /** A job executor whose state the test sets: running or not, and its acquisition runnable. */
    static final class StubJobExecutor extends JobExecutor {
        StubJobExecutor(boolean active) {
            this.isActive = active;
            this.lockOwner = "node-1";
            this.acquireJobsRunnable = new SequentialJobAcquisitionRunnable(this);
        }

        SequentialJobAcquisitionRunnable acquisition() {
            return (SequentialJobAcquisitionRunnable) acquireJobsRunnable;
        }

        @Override
        protected void startExecutingJobs() {
        }

        @Override
        protected void stopExecutingJobs() {
        }

        @Override
        public void executeJobs(List<String> jobIds, ProcessEngineImpl engine) {
        }
    }

    private static Health health(boolean enabled, JobExecutor executor) {
        var builder = Health.unknown();
        JobAcquisitionHealthIndicator.check(enabled, executor, builder);
        return builder.build();
    }

    @Test
    void upWhileTheExecutorRunsAndItsLastAcquisitionSucceeded() {
        Health health = health(true, new StubJobExecutor(true));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("active", true).containsEntry("lockOwner", "node-1");
    }

    @Test
    void downWhenItShouldRunButIsStopped() {
        Health health = health(true, new StubJobExecutor(false));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("active", false);
        assertThat(health(true, null).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenTheLastAcquisitionFailedAndUpAgainOnceOneSucceeds() {
        var executor = new StubJobExecutor(true);
        executor.acquisition().getAcquisitionContext()
                .setAcquisitionException(new SQLTransientConnectionException("connection refused"));
        Health failing = health(true, executor);
        assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.getDetails()).containsEntry("lastAcquisition", "failed: SQLTransientConnectionException");
        assertThat(failing.getDetails().toString()).as("no error text in health details").doesNotContain("refused");

        executor.acquisition().getAcquisitionContext().reset(); // the next cycle starts clean
        assertThat(health(true, executor).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void upAndSaidSoOnANodeWhoseJobExecutorIsOffOnPurpose() {
        Health health = health(false, new StubJobExecutor(false));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("enabled", false);
    }
}
