package fr.beta.guichet.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.lifecycle.LifecycleElements;
import fr.beta.guichet.lifecycle.RequestLifecycleTests;
import fr.beta.guichet.lifecycle.RequestType;
import fr.beta.guichet.lifecycle.RequestVariables;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.ovh.SandboxEmailDomain;
import fr.beta.guichet.secrets.OneTimeSecrets;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Every lifecycle path of {@code request-mailbox} against the asynchronous sandbox of OVH email, plus the password. */
@GuichetSpringTest
@Import(JobDriver.class)
class MailboxProcessTests extends RequestLifecycleTests<MailboxRequest> {

    private static final String DOMAIN = "beta.gouv.fr";

    @Autowired MailboxRequestType mailboxes;
    @Autowired OneTimeSecrets secrets;
    @MockitoSpyBean SandboxEmailDomain email;
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
        doThrow(new ProviderUnavailableException("ovh", "POST /email/domain/beta.gouv.fr/account answered 503"))
                .when(email).createAccount(anyString(), anyString(), anyString(), anyString());
        doThrow(new ProviderUnavailableException("ovh", "POST /email/domain/beta.gouv.fr/redirection answered 503"))
                .when(email).createRedirection(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Override
    protected void repairProvider() {
        doCallRealMethod().when(email).createAccount(anyString(), anyString(), anyString(), anyString());
        doCallRealMethod().when(email).createRedirection(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Override
    protected long resourcesAtProvider(MailboxRequest request) {
        return email.accounts(DOMAIN).stream().filter(a -> a.accountName().equals(request.localPart())).count()
                + email.redirections(DOMAIN).stream()
                        .filter(r -> r.from().equals(request.localPart() + "@" + DOMAIN)).count();
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
        assertThat(email.recordsContain(password.get())).isFalse();
    }

    @Test
    void retryAfterALostAnswerDoesNotCreateTheMailboxTwice() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        doAnswer(call -> {
            call.callRealMethod();
            throw new ProviderUnavailableException("ovh", "connection reset after the request was sent");
        }).when(email).createAccount(anyString(), eq(request.localPart()), anyString(), anyString());
        try {
            jobs.runDueJobs(pi.getId());
        } catch (ProviderUnavailableException expected) {
            // first attempt: OVH did the work, the answer was lost
        }
        doCallRealMethod().when(email).createAccount(anyString(), anyString(), anyString(), anyString());
        var execute = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
        managementService.executeJob(execute.getId());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        verify(email, times(1)).createAccount(anyString(), eq(request.localPart()), anyString(), anyString());
        assertThat(resourcesAtProvider(request)).isEqualTo(1);
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isTrue();
    }

    @Test
    void providerThatNeverFinishesHandsTheRequestToTheExecutor() {
        MailboxRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        doReturn(Optional.empty()).when(email).findAccount(anyString(), eq(request.localPart()));
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
        doReturn(Optional.empty()).when(email).findAccount(anyString(), eq(request.localPart()));
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
        assertThat(email.redirections(DOMAIN)).anyMatch(r -> r.from().equals(request.localPart() + "@" + DOMAIN)
                && r.to().equals("perso@example.org"));
        assertThat(secrets.isAvailable(pi.getBusinessKey())).isFalse();
    }
}
