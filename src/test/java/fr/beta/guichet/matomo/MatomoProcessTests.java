package fr.beta.guichet.matomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.lifecycle.LifecycleElements;
import fr.beta.guichet.lifecycle.RequestLifecycleTests;
import fr.beta.guichet.lifecycle.RequestType;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.matomo.SandboxMatomo;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Every lifecycle path of {@code request-matomo} against the sandbox Matomo, plus site creation and invitation. */
@GuichetSpringTest
@Import(JobDriver.class)
class MatomoProcessTests extends RequestLifecycleTests<MatomoRequest> {

    @Autowired MatomoRequestType matomoRequests;
    @MockitoSpyBean SandboxMatomo matomo;

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
        return new MatomoRequest(SandboxMatomo.SEED_EMAIL, SandboxMatomo.SEED_SITE_URL, "beta.gouv.fr",
                MatomoAccess.ADMIN, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "a déjà l'accès admin";
    }

    @Override
    protected void occupyAtProvider(MatomoRequest request) {
        // another person took this login with another address
        matomo.inviteUser(request.email(), "autre-" + UUID.randomUUID() + "@autre.fr", SandboxMatomo.SEED_SITE_ID);
    }

    @Override
    protected void createAtProviderAsRequested(MatomoRequest request, String reference) {
        int site = matomo.addSite(request.siteName(), request.siteUrl());
        matomo.inviteUser(request.email(), request.email(), site);
        matomo.setAccess(request.email(), request.access(), site);
    }

    @Override
    protected void breakProvider() {
        var outage = new ProviderUnavailableException("matomo", "SitesManager.addSite: 503 Service Unavailable");
        doThrow(outage).when(matomo).addSite(anyString(), anyString());
        doThrow(outage).when(matomo).setAccess(anyString(), any(), anyInt());
    }

    @Override
    protected void repairProvider() {
        doCallRealMethod().when(matomo).addSite(anyString(), anyString());
        doCallRealMethod().when(matomo).setAccess(anyString(), any(), anyInt());
    }

    @Override
    protected long resourcesAtProvider(MatomoRequest request) {
        var site = matomo.siteIdForUrl(request.siteUrl());
        if (site.isEmpty()) {
            return 0;
        }
        return matomo.users().stream().filter(u -> u.email().equals(request.email())
                && u.access().get(site.get()) == request.access()).count()
                * matomo.sites().stream().filter(s -> s.url().equals(request.siteUrl())).count();
    }

    @Test
    void existingSiteAndUserOnlyGetTheAccess() {
        var request = new MatomoRequest(SandboxMatomo.SEED_EMAIL, SandboxMatomo.SEED_SITE_URL, "beta.gouv.fr",
                MatomoAccess.VIEW, "Startup", "Lecture seule ailleurs");
        int sitesBefore = matomo.sites().size();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(matomo.sites()).hasSize(sitesBefore);
        assertThat(matomo.accessOf(SandboxMatomo.SEED_LOGIN, SandboxMatomo.SEED_SITE_ID)).contains(MatomoAccess.VIEW);
    }
}
