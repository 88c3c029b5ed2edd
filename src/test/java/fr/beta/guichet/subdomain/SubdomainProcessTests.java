package fr.beta.guichet.subdomain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ovh.DnsRecordType;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every lifecycle path of {@code request-subdomain} with the live OVH client on the sandbox's OVH fake, plus the zone
 * refresh.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class SubdomainProcessTests extends RequestLifecycleTests<SubdomainRequest> {

    private static final String ZONE = "beta.gouv.fr";

    @Autowired SubdomainRequestType subdomains;
    @Autowired DnsZoneClient dns;
    @Autowired FaultyTransport faults;
    /** An SMTP server is configured: the requester is told by email. */
    @MockitoBean JavaMailSender mailSender;

    @Override
    protected RequestType<SubdomainRequest> type() {
        return subdomains;
    }

    @Override
    protected SubdomainRequest newRequest() {
        return new SubdomainRequest("t" + UUID.randomUUID().toString().substring(0, 8), SubdomainRecordType.CNAME,
                "app.osc-fr1.scalingo.io.", 3600, "Startup d'État", "Mettre en ligne le site");
    }

    @Override
    protected SubdomainRequest refusedRequest() {
        return new SubdomainRequest("www", SubdomainRecordType.CNAME, "other.example.org.", 3600, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "« www.beta.gouv.fr » est déjà utilisé";
    }

    @Override
    protected void occupyAtProvider(SubdomainRequest request) {
        dns.createRecord(ZONE, request.label(), DnsRecordType.A, "192.0.2.7", 300);
    }

    @Override
    protected void createAtProviderAsRequested(SubdomainRequest request, String reference) {
        // OVH compares names without case or final dot: the retry must recognise its own record
        dns.createRecord(ZONE, request.label(), DnsRecordType.CNAME, "APP.osc-fr1.scalingo.io", 300);
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
    protected long resourcesAtProvider(SubdomainRequest request) {
        return dns.findRecords(ZONE, request.label(), null).size();
    }

    @Test
    void requesterIsEmailedWhenTheRequestIsDoneOrRejected() {
        SubdomainRequest request = newRequest();
        var done = start(request);
        tasks.take(task(done).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(done.getId());
        tasks.confirm(task(done).getId(), firstHolder());
        jobs.runDueJobs(done.getId());
        var rejected = start(newRequest());
        tasks.reject(task(rejected).getId(), firstHolder(), "Nom réservé à l'équipe plateforme.");
        jobs.runDueJobs(rejected.getId());

        var sent = org.mockito.ArgumentCaptor.forClass(SimpleMailMessage.class);
        org.mockito.Mockito.verify(mailSender, org.mockito.Mockito.times(2)).send(sent.capture());
        var doneMail = sent.getAllValues().get(0);
        assertThat(doneMail.getTo()).containsExactly("alice@beta.gouv.fr");
        assertThat(doneMail.getSubject()).isEqualTo("[Guichet Ops] Votre demande " + done.getBusinessKey() + " est traitée");
        assertThat(doneMail.getText()).contains(request.label() + ".beta.gouv.fr").contains("en place dans la zone");
        var rejectedMail = sent.getAllValues().get(1);
        assertThat(rejectedMail.getSubject()).contains(rejected.getBusinessKey()).contains("rejetée");
        assertThat(rejectedMail.getText()).contains("Motif : Nom réservé à l'équipe plateforme.");
    }

    @Test
    void requesterIsEmailedTheQuestionItsReminderAndTheCancellation() {
        clockAt("2026-03-03T10:00");
        var pi = start(newRequest());
        tasks.ask(task(pi).getId(), firstHolder(), "Quel est le nom exact du service ?");
        jobs.runDueJobs(pi.getId());
        clockAt("2026-03-06T10:00");
        jobs.runDueJobs(pi.getId());
        clockAt("2026-03-17T10:00");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo("cancelled");

        var sent = org.mockito.ArgumentCaptor.forClass(SimpleMailMessage.class);
        org.mockito.Mockito.verify(mailSender, org.mockito.Mockito.times(3)).send(sent.capture());
        assertThat(sent.getAllValues()).allSatisfy(m -> assertThat(m.getTo()).containsExactly("alice@beta.gouv.fr"));
        assertThat(sent.getAllValues().get(0).getSubject())
                .isEqualTo("[Guichet Ops] Une question sur votre demande " + pi.getBusinessKey());
        assertThat(sent.getAllValues().get(0).getText()).contains("Quel est le nom exact du service ?");
        assertThat(sent.getAllValues().get(1).getText()).contains("Sans réponse le 17/03/2026 10:00");
        assertThat(sent.getAllValues().get(2).getSubject()).contains("annulée sans réponse");
    }

    @Test
    void executionCreatesTheRequestedRecordAndRefreshesTheZone() {
        faults.reset();
        SubdomainRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(dns.findRecords(ZONE, request.label(), null)).singleElement().satisfies(r -> {
            assertThat(r.fieldType()).isEqualTo(DnsRecordType.CNAME);
            assertThat(r.target()).isEqualTo("app.osc-fr1.scalingo.io.");
            assertThat(r.ttl()).isEqualTo(3600);
        });
        assertThat(faults.calls("ovh")).map(FaultyTransport.Call::request)
                .anySatisfy(call -> assertThat(call.method() + " " + call.rawPath())
                        .isEqualTo("POST /1.0/domain/zone/" + ZONE + "/refresh"));
    }
}
