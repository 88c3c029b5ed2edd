package fr.beta.guichet.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.ovh.EmailDomainClient;
import fr.beta.guichet.provider.ovh.OvhFakeApi;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.ProviderFault;
import fr.beta.guichet.secrets.OneTimeSecrets;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every lifecycle path of {@code request-mailbox} with the live OVH client on the sandbox's asynchronous OVH email
 * fake, plus the password.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class MailboxProcessTests extends RequestLifecycleTests<MailboxRequest> {

    private static final String DOMAIN = "beta.gouv.fr";

    @Autowired MailboxRequestType mailboxes;
    @Autowired OneTimeSecrets secrets;
    @Autowired EmailDomainClient email;
    @Autowired FaultyTransport faults;
    @Autowired SandboxStore store;
    @MockitoBean JavaMailSender mailSender;

    @Override
    protected RequestType<MailboxRequest> type() {
        return mailboxes;
    }

    @Override
    protected MailboxRequest newRequest() {
        return new MailboxRequest(MailboxKind.MAILBOX, "prenom.t" + UUID.randomUUID().toString().substring(0, 6), null,
                "Startup d'État", "Nouvelle recrue");
    }

    @Override
    protected MailboxRequest refusedRequest() {
        return new MailboxRequest(MailboxKind.MAILBOX, "contact", null, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "« contact@beta.gouv.fr » est déjà utilisée";
    }

    @Override
    protected void occupyAtProvider(MailboxRequest request) {
        email.createAccount(DOMAIN, request.localPart(), "Quelqu1-autre!", "autre équipe");
    }

    @Override
    protected void createAtProviderAsRequested(MailboxRequest request, String reference) {
        // the first attempt filed its password and created the account, then lost OVH's answer
        String password = secrets.fileOnce(reference, "Premier-essai-42");
        email.createAccount(DOMAIN, request.localPart(), password, "Guichet Ops");
    }

    @Override
    protected void breakProvider() {
        faults.answerNext("ovh", FaultyTransport.writes(), r -> new ProviderResponse(503,
                "{\"class\":\"Server::ServiceUnavailable\",\"message\":\"Service unavailable\"}",
                Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    @Override
    protected long resourcesAtProvider(MailboxRequest request) {
        return email.findAccount(DOMAIN, request.localPart()).stream().count()
                + email.findRedirections(DOMAIN, request.localPart() + "@" + DOMAIN, null).size();
    }

    @Test
    void mailboxPasswordIsFiledEncryptedAndHandedOverOnce() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(pi).hasPassed(LifecycleElements.CHECK_PROVIDER);

        String reference = pi.getBusinessKey();
        tasks.confirm(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        var mail = org.mockito.ArgumentCaptor.forClass(SimpleMailMessage.class);
        verify(mailSender).send(mail.capture());
        assertThat(mail.getValue().getText()).contains("Mes demandes");
        assertThat(secrets.isAvailable(reference)).isTrue();
        Optional<String> password = secrets.reveal(reference);
        assertThat(mail.getValue().getText()).doesNotContain(password.orElseThrow());
        assertThat(password).hasValueSatisfying(p -> assertThat(p).hasSize(PasswordGenerator.LENGTH));
        assertThat(secrets.reveal(reference)).as("shown once").isEmpty();
        assertThat(secrets.isAvailable(reference)).isFalse();

        var values = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
                .map(v -> String.valueOf(v.getValue())).toList();
        assertThat(values).noneMatch(v -> v.contains(password.get()));
        assertThat(store.listAll(OvhFakeApi.API)).as("the sandbox OVH").isNotEmpty()
                .noneMatch(doc -> doc.body().toString().contains(password.get()));
    }

    @Test
    void retryAfterALostAnswerDoesNotCreateTheMailboxTwice() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        faults.reset();
        faults.failNext("ovh", creationOf(request), ProviderFault.CONNECTION_DROPPED_AFTER_WRITE, 1);
        try {
            jobs.runDueJobs(pi.getId());
        } catch (ProviderUnavailableException expected) {
            // first attempt: OVH did the work, the answer was lost
        }
        var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
        managementService.executeJob(execute.getId());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(store.list(OvhFakeApi.API, "task")).as("mailbox creations OVH received")
                .filteredOn(t -> t.body().path("action").asText().equals("addAccount")
                        && t.body().path("name").asText().equals(request.localPart()))
                .hasSize(1);
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isTrue();
    }

    @Test
    void providerThatNeverFinishesHandsTheRequestToTheExecutor() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        // OVH never finishes: the mailbox is never there
        faults.answerNext("ovh", r -> r.method().equals("GET")
                && r.rawPath().endsWith("/email/domain/" + DOMAIN + "/account/" + request.localPart()),
                r -> new ProviderResponse(404, "{\"class\":\"Client::NotFound\",\"message\":\"This service does "
                        + "not exist\"}", Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.PROVIDER_CHECKS.name())).isEqualTo(30);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_ERROR.name())).asString()
                .contains("n'a pas terminé après 30 vérifications");
    }

    @Test
    void providerPollingStaysContinuousOutsideWorkingHours() {
        clockAt("2026-03-06T19:00"); // Friday evening: an SLA timer would wait for Monday
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        // OVH's task is still running: the mailbox is not there yet
        faults.answerNext("ovh", r -> r.method().equals("GET")
                && r.rawPath().endsWith("/email/domain/" + DOMAIN + "/account/" + request.localPart()),
                r -> new ProviderResponse(404, "{\"class\":\"Client::NotFound\",\"message\":\"This service does "
                        + "not exist\"}", Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
        jobs.runDueJobs(pi.getId());
        var polling = jobs.timer(pi.getId(), LifecycleElements.PROVIDER_DELAY);
        assertThat(polling).as("waits for OVH's task").isNotNull();
        assertThat(polling.getDuedate().toInstant()).isEqualTo(paris("2026-03-06T19:01"));
    }

    @Test
    void redirectionIsCreatedAndNeedsNoPassword() {
        var request = new MailboxRequest(MailboxKind.REDIRECTION, "redir.t" + UUID.randomUUID().toString().substring(0, 6),
                "perso@example.org", "Startup", "Garder le contact");
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(email.findRedirections(DOMAIN, request.localPart() + "@" + DOMAIN, "perso@example.org"))
                .hasSize(1);
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isFalse();
    }

    /** The OVH call that creates this request's mailbox. */
    private static java.util.function.Predicate<fr.beta.guichet.provider.ProviderRequest> creationOf(
            MailboxRequest request) {
        return r -> r.method().equals("POST") && r.rawPath().endsWith("/email/domain/" + DOMAIN + "/account")
                && r.body().contains("\"accountName\":\"" + request.localPart() + "\"");
    }
}
