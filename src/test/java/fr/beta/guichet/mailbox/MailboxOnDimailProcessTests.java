package fr.beta.guichet.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.dimail.CreatedMailbox;
import fr.beta.guichet.provider.dimail.DimailClient;
import fr.beta.guichet.provider.dimail.fake.DimailFakeApi;
import fr.beta.guichet.provider.mail.MailProvider;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.secrets.OneTimeSecrets;
import fr.beta.guichet.support.DimailMailTest;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.JobDriver;
import fr.beta.guichet.support.ProviderFault;

/**
 * Every lifecycle path of {@code request-mailbox} on Dimail (the default mail provider): the live Dimail client on the
 * sandbox's fake of Dimail's HTTP API, plus what only Dimail does: its password, given once, handed over through the
 * one-time secret; a lost answer; aliases; Dimail down at form time.
 */
@DimailMailTest
@Import(JobDriver.class)
@ExtendWith(OutputCaptureExtension.class)
class MailboxOnDimailProcessTests extends RequestLifecycleTests<MailboxRequest> {

    private static final String DOMAIN = "beta.gouv.fr";

    @Autowired MailboxRequestType mailboxes;
    @Autowired MailProvider mail;
    @Autowired OneTimeSecrets secrets;
    @Autowired DimailClient dimail;
    @Autowired FaultyTransport faults;
    @Autowired SandboxStore store;
    @Autowired MockMvc mvc;
    @MockitoBean JavaMailSender mailSender;

    @AfterEach
    void repair() {
        faults.reset();
    }

    @Override
    protected RequestType<MailboxRequest> type() {
        return mailboxes;
    }

    @Override
    protected MailboxRequest newRequest() {
        return new MailboxRequest(MailboxKind.MAILBOX, "prenom.d" + UUID.randomUUID().toString().substring(0, 6), null,
                "Startup d'État", "Nouvelle recrue");
    }

    @Override
    protected MailboxRequest refusedRequest() {
        return new MailboxRequest(MailboxKind.MAILBOX, DimailFakeApi.SEEDED_MAILBOX, null, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "« contact@beta.gouv.fr » est déjà utilisée";
    }

    @Override
    protected void occupyAtProvider(MailboxRequest request) {
        dimail.createMailbox(DOMAIN, request.localPart(), "Autre", "Équipe", "Autre équipe");
    }

    @Override
    protected void createAtProviderAsRequested(MailboxRequest request, String reference) {
        // the first attempt created the mailbox and filed Dimail's password, then the job failed later
        CreatedMailbox created = dimail.createMailbox(DOMAIN, request.localPart(), "Prenom", "Nom", "Prenom Nom")
                .orElseThrow();
        secrets.fileOnce(reference, created.password());
    }

    @Override
    protected void breakProvider() {
        faults.answerNext(DimailClient.PROVIDER, FaultyTransport.writes(), r -> new ProviderResponse(503,
                "{\"detail\":\"Service Unavailable\"}", Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    @Override
    protected long resourcesAtProvider(MailboxRequest request) {
        String address = request.localPart() + "@" + DOMAIN;
        return dimail.addresses(DOMAIN).stream().filter(a -> a.email().equals(address)).count();
    }

    @Test
    void theMailProviderIsDimail() {
        assertThat(mail.name()).isEqualTo("dimail");
        assertThat(mail.domain()).isEqualTo(DOMAIN);
    }

    @Test
    void dimailsPasswordIsFiledEncryptedShownOnceAndNowhereElse(CapturedOutput output) {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);

        String reference = pi.getBusinessKey();
        tasks.confirm(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        var sent = org.mockito.ArgumentCaptor.forClass(SimpleMailMessage.class);
        verify(mailSender).send(sent.capture());
        Optional<String> password = secrets.reveal(reference);
        assertThat(password).as("Dimail's password, filed").hasValueSatisfying(p -> assertThat(p).hasSize(16));
        assertThat(secrets.reveal(reference)).as("shown once").isEmpty();

        assertThat(sent.getValue().getText()).contains("Mes demandes").doesNotContain(password.get());
        var values = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
                .map(v -> String.valueOf(v.getValue())).toList();
        assertThat(values).noneMatch(v -> v.contains(password.get()));
        assertThat(store.listAll(DimailFakeApi.API)).as("the sandbox Dimail").isNotEmpty()
                .noneMatch(doc -> doc.body().toString().contains(password.get()));
        assertThat(replies(pi)).noneMatch(m -> m.contains(password.get()));
        assertThat(output.getAll()).as("logs").doesNotContain(password.get());
    }

    @Test
    void answerLostAfterTheWriteGivesExactlyOneMailboxAndHandsItToTheExecutor() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        faults.reset();
        faults.failNext(DimailClient.PROVIDER, creationOf(request), ProviderFault.TIMEOUT_AFTER_WRITE, 1);
        try {
            jobs.runDueJobs(pi.getId());
        } catch (ProviderUnavailableException expected) {
            // Dimail created the mailbox; its answer, and the password in it, never came
        }
        var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
        managementService.executeJob(execute.getId());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(faults.calls(DimailClient.PROVIDER)).filteredOn(c -> creationOf(request).test(c.request()))
                .as("creations sent to Dimail").hasSize(1);
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_ERROR.name())).asString()
                .contains("existe déjà chez Dimail").contains("mot de passe");
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isFalse();
    }

    @Test
    void aFailureAfterThePasswordWasFiledFindsTheMailboxAsOurs() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        faults.reset();
        // the creation goes through and the password is filed; the read-back right after fails
        faults.failNext(DimailClient.PROVIDER, r -> r.method().equals("GET") && r.rawPath().startsWith("/v2")
                && faults.calls(DimailClient.PROVIDER).stream().anyMatch(c -> creationOf(request).test(c.request())),
                ProviderFault.SERVER_ERROR, 1);
        try {
            jobs.runDueJobs(pi.getId());
        } catch (ProviderUnavailableException expected) {
            // retried below
        }
        var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
        managementService.executeJob(execute.getId());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isTrue();
    }

    @Test
    void redirectionIsADimailAliasCreatedOnceWithoutPassword() {
        var request = new MailboxRequest(MailboxKind.REDIRECTION, "redir.d" + UUID.randomUUID().toString().substring(0, 6),
                "perso@example.org", "Startup", "Garder le contact");
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        faults.reset();
        faults.failNext(DimailClient.PROVIDER, r -> r.method().equals("POST") && r.rawPath().endsWith("/aliases"),
                ProviderFault.CONNECTION_DROPPED_AFTER_WRITE, 1);
        try {
            jobs.runDueJobs(pi.getId());
        } catch (ProviderUnavailableException expected) {
            // the alias was created, its answer lost
        }
        var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
        managementService.executeJob(execute.getId());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dimail.aliases(DOMAIN)).filteredOn(a -> a.userName().equals(request.localPart()))
                .extracting(a -> a.destination()).containsExactly("perso@example.org");
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isFalse();
    }

    @Test
    void anAddressTakenAsAnAliasIsRefusedAtTheChecks() {
        String local = "alias.d" + UUID.randomUUID().toString().substring(0, 6);
        dimail.createAlias(DOMAIN, local, "ailleurs@example.org", false);
        assertThat(mailboxes.check(new MailboxRequest(MailboxKind.MAILBOX, local, null, "Startup", "Test")))
                .hasValueSatisfying(f -> assertThat(f.message()).contains("est déjà utilisée"));
        assertThat(mailboxes.check(newRequest())).isEmpty();
    }

    @Test
    void dimailDownAtFormTimeKeepsTheFormWithANoticeAndA503() throws Exception {
        faults.answerNext(DimailClient.PROVIDER, FaultyTransport.all(), r -> new ProviderResponse(502,
                "<html>Bad Gateway</html>", Map.of("Content-Type", "text/html")), Integer.MAX_VALUE);
        var session = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(REQUESTER);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/demandes/adresse-mail")
                        .with(session).with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.csrf())
                        .param("kind", "MAILBOX").param("localPart", "prenom.formulaire").param("startup", "Démo")
                        .param("reason", "Arrivée"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isServiceUnavailable())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().exists("Retry-After"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("prenom.formulaire")));
    }

    /** The Dimail call that creates this request's mailbox. */
    private static Predicate<ProviderRequest> creationOf(MailboxRequest request) {
        return r -> r.method().equals("POST") && r.rawPath().endsWith("/mailboxes/" + request.localPart());
    }
}
