package fr.beta.guichet.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.sentry.SentryClient;
import fr.beta.guichet.provider.sentry.SentryFakeApi;
import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every lifecycle path of {@code request-sentry} with the live client against the sandbox's Sentry fake (state in
 * the database), faults injected by {@link FaultyTransport}; plus invite vs add and the team created once.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class SentryProcessTests extends RequestLifecycleTests<SentryRequest> {

    @Autowired SentryRequestType sentryRequests;
    @Autowired SentryClient sentry;
    @Autowired FaultyTransport faults;
    @Autowired ProviderTransports transports;

    @AfterEach
    void disarmFaults() {
        faults.reset();
    }

    @Override
    protected RequestType<SentryRequest> type() {
        return sentryRequests;
    }

    @Override
    protected SentryRequest newRequest() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return new SentryRequest("p" + id + "@example.org", "equipe-" + id, SentryTeamRole.MEMBER, "Startup",
                "Suivre nos erreurs");
    }

    @Override
    protected SentryRequest refusedRequest() {
        return new SentryRequest(SentryFakeApi.SEEDED_MEMBER, SentryFakeApi.SEEDED_TEAM, SentryTeamRole.MEMBER,
                "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "est déjà dans l'équipe Sentry « " + SentryFakeApi.SEEDED_TEAM + " »";
    }

    @Override
    protected void occupyAtProvider(SentryRequest request) {
        // Sentry refuses the address since the check (a domain its invitations do not allow)
        faults.answerNext(SentryClient.PROVIDER, r -> r.method().equals("POST") && r.rawPath().endsWith("/members/"),
                r -> new ProviderResponse(400, "{\"email\":[\"Enter a valid email address.\"]}",
                        Map.of("Content-Type", "application/json")), 1);
    }

    @Override
    protected void createAtProviderAsRequested(SentryRequest request, String reference) {
        sentry.grant(request.email(), request.team(), request.role());
    }

    @Override
    protected void breakProvider() {
        faults.answerNext(SentryClient.PROVIDER, FaultyTransport.writes(),
                r -> new ProviderResponse(503, "{\"detail\":\"Service Unavailable\"}",
                        Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    @Override
    protected long resourcesAtProvider(SentryRequest request) {
        return fake().memberships().stream()
                .filter(m -> m.path("email").asText().equals(request.email()))
                .filter(m -> m.path("teams").toString().contains("\"" + request.team() + "\""))
                .count();
    }

    @Test
    void personOutsideTheOrganizationIsInvitedOnceIntoTheNewTeam() {
        SentryRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(fake().teamSlugs()).filteredOn(request.team()::equals).hasSize(1);
        assertThat(fake().membersWithEmail(request.email())).isEqualTo(1);
        assertThat((String) runtimeService.getVariable(pi.getId(), "executionResult")).contains("invitation")
                .contains("(créée)");
    }

    @Test
    void memberOfTheOrganizationIsAddedToTheTeamAsAdminWithoutAnInvitation() {
        String team = "equipe-" + UUID.randomUUID().toString().substring(0, 8);
        var request = new SentryRequest(SentryFakeApi.SEEDED_MEMBER, team, SentryTeamRole.ADMIN, "Startup",
                "Administrer l'équipe");
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(fake().teamRole(SentryFakeApi.SEEDED_MEMBER, team)).contains("admin");
        assertThat(fake().membersWithEmail(SentryFakeApi.SEEDED_MEMBER)).isEqualTo(1);
        assertThat(faults.calls(SentryClient.PROVIDER))
                .noneMatch(c -> c.request().method().equals("POST") && c.request().rawPath().endsWith("/members/"));
    }

    private SentryFakeApi fake() {
        return transports.sandboxFakes().stream().filter(SentryFakeApi.class::isInstance)
                .map(SentryFakeApi.class::cast).findFirst().orElseThrow();
    }
}
