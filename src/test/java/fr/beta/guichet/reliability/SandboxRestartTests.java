package fr.beta.guichet.reliability;

import static fr.beta.guichet.support.ContextRequests.runJobs;
import static fr.beta.guichet.support.ContextRequests.task;
import static fr.beta.guichet.support.ContextRequests.waitsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.dnsdelegation.DnsDelegationRequest;
import fr.beta.guichet.dockerhub.DockerHubRequest;
import fr.beta.guichet.mailbox.MailboxKind;
import fr.beta.guichet.mailbox.MailboxRequest;
import fr.beta.guichet.matomo.MatomoRequest;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.sentry.SentryRequest;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.ChatProbe;

/**
 * The demo survives a restart: one application context on an H2 file database (the default profile's kind)
 * leaves requests of every type at every wait state — unclaimed, waiting at OVH's asynchronous task (polling), at
 * « fait » — and is closed; a new context on the same database finishes them all. The sandbox fakes keep their
 * state in that database: the « prise en charge » reply finds its thread (no « Invalid RootId »), no incident, each
 * thread has one root, and every resource exists once at its fake.
 */
class SandboxRestartTests {

    private static final String HOLDER = "florian";
    private static final String REQUESTER = "alice";

    @Test
    void requestsLeftAtEveryWaitStateFinishAfterARestartOnAnH2File() throws Exception {
        Path dir = Files.createTempDirectory("guichet-restart");
        restartScenario("jdbc:h2:file:" + dir.resolve("guichet") + ";DB_CLOSE_ON_EXIT=FALSE", "sa");
    }

    /** The scenario on the database at {@code url} ({@link SandboxRestartIT} runs it on PostgreSQL). */
    static void restartScenario(String url, String user) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        Map<String, String> unclaimed = new LinkedHashMap<>();
        Map<String, String> atConfirm = new LinkedHashMap<>();
        String polling;

        try (var before = start(url, user, "3s")) {
            unclaimed.put(file(before, "request-subdomain", new SubdomainRequest("r" + run, SubdomainRecordType.CNAME,
                    "app.osc-fr1.scalingo.io.", 3600, "Démo", "Redémarrage")), "request-subdomain");
            unclaimed.put(file(before, "request-matomo", new MatomoRequest("p" + run + "@example.org",
                    "https://w" + run + ".beta.gouv.fr", "Site " + run, MatomoAccess.WRITE, "Démo", "Redémarrage")),
                    "request-matomo");
            unclaimed.put(file(before, "request-dns-delegation", new DnsDelegationRequest("g" + run,
                    "ns1.g" + run + ".example.org\nns2.g" + run + ".example.org", null, "Démo", "Redémarrage")),
                    "request-dns-delegation");
            atConfirm.put(file(before, "request-dockerhub", new DockerHubRequest("d" + run, "developers", "Démo",
                    "Redémarrage")), "request-dockerhub");
            atConfirm.put(file(before, "request-sentry", new SentryRequest("e" + run + "@example.org", "t" + run,
                    SentryTeamRole.MEMBER, "Démo", "Redémarrage")), "request-sentry");
            polling = file(before, "request-mailbox", new MailboxRequest(MailboxKind.MAILBOX, "m" + run, null, "Démo",
                    "Redémarrage"));

            for (String reference : atConfirm.keySet()) {
                take(before, reference);
                assertThat(waitsAt(before, reference)).isEqualTo(LifecycleElements.CONFIRM);
            }
            take(before, polling);
            assertThat(timer(before, polling, LifecycleElements.PROVIDER_DELAY)).as("waits for OVH's task").isNotNull();
            unclaimed.keySet().forEach(r -> assertThat(waitsAt(before, r)).isEqualTo(LifecycleElements.CLAIM));
        }

        try (var after = start(url, user, "3s")) {
            for (String reference : unclaimed.keySet()) {
                take(after, reference);
                confirm(after, reference);
            }
            for (String reference : atConfirm.keySet()) {
                confirm(after, reference);
            }
            // OVH's task, created before the restart, completes at the fake a few seconds after its creation: the
            // polling timer checks again until the mailbox is there
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                        Job check = timer(after, polling, LifecycleElements.PROVIDER_DELAY);
                        if (check != null) {
                            after.getBean(ManagementService.class).executeJob(check.getId());
                            runJobs(after, polling);
                        }
                        return task(after, polling) != null;
                    });
            confirm(after, polling);

            var history = after.getBean(HistoryService.class);
            List<String> all = new java.util.ArrayList<>(unclaimed.keySet());
            all.addAll(atConfirm.keySet());
            all.add(polling);
            for (String reference : all) {
                var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                        .singleResult();
                assertThat(instance.getEndActivityId()).as(reference).isEqualTo(LifecycleElements.DONE);
            }
            assertThat(history.createHistoricIncidentQuery().count()).as("incidents").isZero();

            List<ChatThread> threads = new ChatProbe(after.getBean(ProviderTransports.class),
                    after.getBean(ChatIdentities.class)).threads();
            for (String reference : all) {
                var own = threads.stream().filter(t -> t.message().contains(reference)).toList();
                assertThat(own).as("one thread for " + reference).hasSize(1);
                assertThat(own.get(0).replies()).as(reference + " replies after the restart")
                        .anySatisfy(r -> assertThat(r.message()).contains("prend la demande"))
                        .anySatisfy(r -> assertThat(r.message()).contains("fait"));
                assertThat(own.get(0).reactions()).contains("white_check_mark");
            }
        }
    }

    private static ConfigurableApplicationContext start(String url, String user, String emailDelay) {
        return new SpringApplicationBuilder(GuichetApplication.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=", "--server.port=0",
                "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.metrics.enabled=false", "--guichet.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--guichet.secrets.key-file=", "--guichet.ovh.sandbox-email-delay=" + emailDelay);
    }

    /** Files a request as the requester and runs its jobs up to « claim ». */
    private static String file(ConfigurableApplicationContext context, String processKey, Record request) {
        RequestType<?> type = context.getBean(RequestTypes.class).byKey(processKey).orElseThrow();
        String reference = startAs(context, type, request);
        runJobs(context, reference);
        return reference;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> String startAs(ConfigurableApplicationContext context, RequestType<R> type,
            Record request) {
        return context.getBean(RequestStarter.class).start(type, (R) request, REQUESTER);
    }

    private static void take(ConfigurableApplicationContext context, String reference) {
        context.getBean(RequestTasks.class).take(task(context, reference).getId(), HOLDER);
        runJobs(context, reference);
    }

    private static void confirm(ConfigurableApplicationContext context, String reference) {
        assertThat(waitsAt(context, reference)).as(reference).isEqualTo(LifecycleElements.CONFIRM);
        context.getBean(RequestTasks.class).confirm(task(context, reference).getId(), HOLDER);
        runJobs(context, reference);
    }

    private static Job timer(ConfigurableApplicationContext context, String reference, String activityId) {
        String pi = context.getBean(RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult().getId();
        return context.getBean(ManagementService.class).createJobQuery().processInstanceId(pi).timers()
                .activityId(activityId).singleResult();
    }
}
