package fr.beta.guichet.request.engine;

import static fr.beta.guichet.support.ContextRequests.runJobs;
import static fr.beta.guichet.support.ContextRequests.task;
import static fr.beta.guichet.support.ContextRequests.waitsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.mailbox.MailboxKind;
import fr.beta.guichet.mailbox.MailboxRequest;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * Upgrading a database that holds instances of the per-type models the application deployed before the lifecycle
 * was drawn once. The first application context plays the previous release: it auto-deploys
 * {@code upgrade/request-mailbox-v1.bpmn} (the mailbox model as that release shipped it) and not the derived
 * models, and leaves mailbox requests unclaimed, at « fait », waiting for the requester and polling OVH. The second
 * context is this release on the same PostgreSQL database: it deploys the derived models as new versions; each old
 * instance finishes on the version it started on, and a new request starts on the new version.
 */
class RequestModelUpgradeIT {

    private static final String HOLDER = "florian";
    private static final String REQUESTER = "alice";
    private static final String KEY = "request-mailbox";

    @Test
    void instancesOfThePerTypeModelsFinishOnTheirVersionAfterTheUpgrade() {
        String url = EmbeddedPostgresDatabase.jdbcUrl("request_model_upgrade_it");
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        String unclaimed;
        String atConfirm;
        String waitingForRequester;
        String polling;
        String oldDefinition;

        try (var before = start(url, PreviousRelease.class, "classpath*:bpmn/*.bpmn", "classpath*:upgrade/*.bpmn")) {
            var repository = before.getBean(RepositoryService.class);
            oldDefinition = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
                    .singleResult().getId();
            assertThat(repository.getProcessDefinition(oldDefinition).getResourceName())
                    .endsWith("upgrade/request-mailbox-v1.bpmn");

            unclaimed = file(before, redirection("u" + run));
            atConfirm = file(before, redirection("c" + run));
            take(before, atConfirm);
            untilConfirm(before, atConfirm);
            waitingForRequester = file(before, redirection("q" + run));
            before.getBean(RequestTasks.class).ask(task(before, waitingForRequester).getId(), HOLDER,
                    "Pour quelle adresse exactement ?");
            runJobs(before, waitingForRequester);
            assertThat(waitsAt(before, waitingForRequester)).isEqualTo(LifecycleElements.ANSWER_QUESTION);
            polling = file(before, new MailboxRequest(MailboxKind.MAILBOX, "m" + run, null, "Démo", "Mise à jour"));
            take(before, polling);
            assertThat(timer(before, polling)).as("waits for OVH's task").isNotNull();
            for (String reference : List.of(unclaimed, atConfirm, waitingForRequester, polling)) {
                assertThat(definitionOf(before, reference)).isEqualTo(oldDefinition);
            }
        }

        try (var after = start(url, null, "classpath*:bpmn/*.bpmn")) {
            var repository = after.getBean(RepositoryService.class);
            var current = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
                    .singleResult();
            assertThat(current.getId()).isNotEqualTo(oldDefinition);
            assertThat(current.getResourceName()).isEqualTo(KEY + ".bpmn");
            assertThat(repository.createDeploymentQuery().deploymentId(current.getDeploymentId()).singleResult()
                    .getName()).isEqualTo(RequestModelDeployment.NAME);

            String fresh = file(after, redirection("n" + run));
            assertThat(definitionOf(after, fresh)).isEqualTo(current.getId());

            take(after, unclaimed);
            confirm(after, unclaimed);
            confirm(after, atConfirm);
            after.getBean(RequestDialogue.class).answer(processInstanceOf(after, waitingForRequester), REQUESTER,
                    "Celle du formulaire.");
            runJobs(after, waitingForRequester);
            take(after, waitingForRequester);
            confirm(after, waitingForRequester);
            confirm(after, polling);
            take(after, fresh);
            confirm(after, fresh);

            var history = after.getBean(HistoryService.class);
            for (String reference : List.of(unclaimed, atConfirm, waitingForRequester, polling, fresh)) {
                var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                        .singleResult();
                assertThat(instance.getEndActivityId()).as(reference).isEqualTo(LifecycleElements.DONE);
                assertThat(instance.getProcessDefinitionId()).as(reference)
                        .isEqualTo(reference.equals(fresh) ? current.getId() : oldDefinition);
            }
            assertThat(history.createHistoricIncidentQuery().count()).as("incidents").isZero();
        }
    }

    /** The previous release deployed its models from files; this one's derived deployment is left out. */
    @Configuration(proxyBeanMethods = false)
    static class PreviousRelease {
        @Bean
        static BeanFactoryPostProcessor withoutDerivedModels() {
            return factory -> ((org.springframework.beans.factory.support.BeanDefinitionRegistry) factory)
                    .removeBeanDefinition("requestModelDeployment");
        }
    }

    private static MailboxRequest redirection(String localPart) {
        return new MailboxRequest(MailboxKind.REDIRECTION, localPart, "equipe@example.org", "Démo", "Mise à jour");
    }

    private static ConfigurableApplicationContext start(String url, Class<?> extra, String... patterns) {
        var sources = extra == null ? new Class<?>[] {GuichetApplication.class}
                : new Class<?>[] {GuichetApplication.class, extra};
        return new SpringApplicationBuilder(sources).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0",
                "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.metrics.enabled=false",
                "--camunda.bpm.deployment-resource-pattern=" + String.join(",", patterns),
                "--guichet.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--guichet.secrets.key-file=",
                "--guichet.ovh.sandbox-email-delay=3s");
    }

    private static String file(ConfigurableApplicationContext context, MailboxRequest request) {
        @SuppressWarnings("unchecked")
        RequestType<MailboxRequest> type = (RequestType<MailboxRequest>) context.getBean(RequestTypes.class)
                .byKey(KEY).orElseThrow();
        String reference = context.getBean(RequestStarter.class).start(type, request, REQUESTER);
        runJobs(context, reference);
        assertThat(waitsAt(context, reference)).as(reference).isEqualTo(LifecycleElements.CLAIM);
        return reference;
    }

    private static void take(ConfigurableApplicationContext context, String reference) {
        context.getBean(RequestTasks.class).take(task(context, reference).getId(), HOLDER);
        runJobs(context, reference);
    }

    private static void confirm(ConfigurableApplicationContext context, String reference) {
        untilConfirm(context, reference);
        assertThat(waitsAt(context, reference)).as(reference).isEqualTo(LifecycleElements.CONFIRM);
        context.getBean(RequestTasks.class).confirm(task(context, reference).getId(), HOLDER);
        runJobs(context, reference);
    }

    /** OVH's email tasks complete at the fake a few seconds after their creation: poll as the timer would. */
    private static void untilConfirm(ConfigurableApplicationContext context, String reference) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Job check = timer(context, reference);
            if (check != null) {
                context.getBean(ManagementService.class).executeJob(check.getId());
                runJobs(context, reference);
            }
            return task(context, reference) != null;
        });
    }

    private static String processInstanceOf(ConfigurableApplicationContext context, String reference) {
        return context.getBean(RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult().getId();
    }

    private static String definitionOf(ConfigurableApplicationContext context, String reference) {
        return context.getBean(RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult().getProcessDefinitionId();
    }

    private static Job timer(ConfigurableApplicationContext context, String reference) {
        return context.getBean(ManagementService.class).createJobQuery()
                .processInstanceId(processInstanceOf(context, reference)).timers()
                .activityId(LifecycleElements.PROVIDER_DELAY).singleResult();
    }
}
