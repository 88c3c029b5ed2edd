package fr.beta.guichet.matomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.matomo.MatomoClient;
import fr.beta.guichet.provider.matomo.MatomoFakeApi;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every lifecycle path of {@code request-matomo} with the live client against the sandbox's {@link MatomoFakeApi},
 * plus site creation and invitation. Outages are answered by {@link FaultyTransport} around the fake.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class MatomoProcessTests extends RequestLifecycleTests<MatomoRequest> {

    @Autowired MatomoRequestType matomoRequests;
    @Autowired MatomoClient matomo;
    @Autowired ProviderTransports transports;
    @Autowired FaultyTransport faults;

    @AfterEach
    void disarmFaults() {
        faults.reset();
    }

    private MatomoFakeApi fake() {
        return transports.sandboxFakes().stream().filter(MatomoFakeApi.class::isInstance)
                .map(MatomoFakeApi.class::cast).findFirst().orElseThrow();
    }

    @Override
    protected RequestType<MatomoRequest> type() {
        return matomoRequests;
    }

    @Override
    protected MatomoRequest newRequest() {
        String id = UUID.randomUUID().toString().substring(0, 6);
        return new MatomoRequest("p" + id + "@example.org", "https://site-" + id + ".beta.gouv.fr", "Site " + id,
                MatomoAccess.WRITE, "Startup", "Suivre l'audience");
    }

    @Override
    protected MatomoRequest refusedRequest() {
        return new MatomoRequest(MatomoFakeApi.SEED_EMAIL, MatomoFakeApi.SEED_SITE_URL, "beta.gouv.fr",
                MatomoAccess.ADMIN, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "a déjà l'accès admin";
    }

    @Override
    protected void occupyAtProvider(MatomoRequest request) {
        // another person took this login with another address
        matomo.inviteUser(request.email(), "autre-" + UUID.randomUUID() + "@autre.fr", MatomoFakeApi.SEED_SITE_ID);
    }

    @Override
    protected void createAtProviderAsRequested(MatomoRequest request, String reference) {
        int site = matomo.addSite(request.siteName(), request.siteUrl());
        matomo.inviteUser(request.email(), request.email(), site);
        matomo.setAccess(request.email(), request.access(), site);
    }

    @Override
    protected void breakProvider() {
        faults.answerNext("matomo", MatomoFakeApi.writes(), r -> new ProviderResponse(503,
                "{\"result\":\"error\",\"message\":\"Service Unavailable\"}",
                Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    @Override
    protected long resourcesAtProvider(MatomoRequest request) {
        var sites = fake().sites().stream().filter(s -> s.url().equals(request.siteUrl())).toList();
        if (sites.isEmpty()) {
            return 0;
        }
        int site = sites.get(0).id();
        return fake().users().stream().filter(u -> u.email().equals(request.email())
                && u.accessOn(site).filter(request.access()::equals).isPresent()).count() * sites.size();
    }

    @Test
    void existingSiteAndUserOnlyGetTheAccess() {
        var request = new MatomoRequest(MatomoFakeApi.SEED_EMAIL, MatomoFakeApi.SEED_SITE_URL, "beta.gouv.fr",
                MatomoAccess.VIEW, "Startup", "Lecture seule ailleurs");
        assertThat(matomo.userExists(MatomoFakeApi.SEED_LOGIN)).isTrue(); // the fake seeds itself on its first call
        int sitesBefore = fake().sites().size();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        try {
            jobs.runDueJobsAndProviderPolling(pi.getId());
            assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
            assertThat(fake().sites()).hasSize(sitesBefore);
            assertThat(matomo.accessOf(MatomoFakeApi.SEED_LOGIN, MatomoFakeApi.SEED_SITE_ID))
                    .contains(MatomoAccess.VIEW);
        } finally {
            // the sandbox is in the shared test database: give the seed user back its role for the other tests
            matomo.setAccess(MatomoFakeApi.SEED_LOGIN, MatomoAccess.ADMIN, MatomoFakeApi.SEED_SITE_ID);
        }
    }
}
