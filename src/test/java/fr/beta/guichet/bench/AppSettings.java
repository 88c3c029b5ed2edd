package fr.beta.guichet.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.zaxxer.hikari.HikariDataSource;

/** The effective settings that bound throughput: pools and the job executor, read off the running app. */
final class AppSettings {

    private AppSettings() {
    }

    static Map<String, Object> of(ConfigurableApplicationContext app) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Environment env = app.getEnvironment();
        settings.put("profiles", String.join(",", env.getActiveProfiles()));
        DataSource dataSource = app.getBean(DataSource.class);
        if (dataSource instanceof HikariDataSource hikari) {
            settings.put("dbPoolMax", hikari.getMaximumPoolSize());
        }
        settings.put("tomcatThreadsMax", env.getProperty("server.tomcat.threads.max", "200 (default)"));
        var configuration = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                .getProcessEngineConfiguration();
        JobExecutor jobs = configuration.getJobExecutor();
        settings.put("jobMaxJobsPerAcquisition", jobs.getMaxJobsPerAcquisition());
        settings.put("jobWaitTimeMs", jobs.getWaitTimeInMillis());
        settings.put("jobMaxWaitMs", jobs.getMaxWait());
        settings.put("jobBackoffTimeMs", jobs.getBackoffTimeInMillis());
        settings.put("jobLockTimeMs", jobs.getLockTimeInMillis());
        settings.put("jobExecutorDeploymentAware", configuration.isJobExecutorDeploymentAware());
        settings.put("jobExecutorAcquireByPriority", configuration.isJobExecutorAcquireByPriority());
        app.getBeansOfType(ThreadPoolTaskExecutor.class).forEach((name, pool) -> settings.put(name,
                "core " + pool.getCorePoolSize() + ", max " + pool.getMaxPoolSize() + ", queue "
                        + pool.getQueueCapacity()));
        return settings;
    }
}
