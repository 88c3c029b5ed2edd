package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.grants.AccessRevokers;
import fr.beta.guichet.grants.GrantRegistration;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.sentry.SentryClient;
import fr.beta.guichet.provider.sentry.SentryFakeApi;
import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.sentry.SentryRequest;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Sentry in the access registry and at departures, against the sandbox's Sentry fake behind the real client: a done
 * request registers the membership; the revocation takes the member out of the team, and out of the organization when
 * no other team is left, read back; an absent member counts as done; a refusal goes to {@code ops-sentry} by hand;
 * an existing membership is registered once Sentry confirms it.
 */
@GuichetSpringTest
class SentryOffboardingTests {

    private static final String SENTRY_ADMIN = "lucas";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired AccessGrants grants;
    @Autowired AccessRevokers revokers;
    @Autowired GrantRegistration registration;
    @Autowired Offboardings offboardings;
    @Autowired Departures departures;
    @Autowired Viewers viewers;
    @Autowired SentryClient sentry;
    @Autowired FaultyTransport faults;
    @Autowired ProviderTransports transports;
    @Autowired JobDriver jobs;
    @Autowired Clock clock;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(new Date());
    }

    @AfterEach
    void reset() {
        faults.reset();
        ClockUtil.reset();
    }

    @Test
    void aDoneSentryRequestRegistersTheMembershipAsAGrant() {
        String email = email();
        String team = team();
        @SuppressWarnings("unchecked")
        RequestType<SentryRequest> type = (RequestType<SentryRequest>) types.byKey("request-sentry").orElseThrow();
        String reference = starter.start(type, new SentryRequest(email, team, SentryTeamRole.ADMIN, "Startup",
                "Suivre nos erreurs"), "alice");
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi), SENTRY_ADMIN);
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        tasks.confirm(task(pi), SENTRY_ADMIN);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded();

        AccessGrant grant = grants.byRequest(reference).orElseThrow();
        assertThat(grant.kind()).isEqualTo("sentry");
        assertThat(grant.personEmail()).isEqualTo(email);
        assertThat(grant.providerId()).isEqualTo(team + " " + email);
        assertThat(grant.resourceGroup()).isEqualTo("ops-sentry");
        assertThat(grant.level()).isEqualTo("admin");
        assertThat(revokers.of("sentry").orElseThrow().isGone(grant)).as("there at Sentry").isFalse();
    }

    @Test
    void theMemberLeavesTheTeamAndStaysInTheOrganizationWhileAnotherTeamIsLeft() {
        String email = email();
        String team = team();
        String other = team();
        sentry.grant(email, team, SentryTeamRole.MEMBER);
        sentry.grant(email, other, SentryTeamRole.MEMBER);
        AccessRevoker revoker = revokers.of("sentry").orElseThrow();
        AccessGrant first = grant(email, team);

        assertThat(revoker.isGone(first)).isFalse();
        revoker.revoke(first);
        assertThat(revoker.isGone(first)).as("read back").isTrue();
        assertThat(fake().teamRole(email, team)).isEmpty();
        assertThat(sentry.memberId(email)).as("still in %s", other).isPresent();
        assertThat(sentry.teamsOf(email)).containsExactly(other);

        AccessGrant second = grant(email, other);
        revoker.revoke(second);
        assertThat(revoker.isGone(second)).isTrue();
        assertThat(sentry.memberId(email)).as("no team left: out of the organization").isEmpty();
        assertThat(fake().membersWithEmail(email)).isZero();

        revoker.revoke(second);
        assertThat(revoker.isGone(second)).as("again: absent counts as done").isTrue();
    }

    @Test
    void aPendingInvitationIsTakenBackAndAnAbsentMemberCountsAsDone() {
        String email = email();
        String team = team();
        sentry.grant(email, team, SentryTeamRole.MEMBER); // not in the organization: invited
        AccessRevoker revoker = revokers.of("sentry").orElseThrow();
        AccessGrant grant = grant(email, team);
        assertThat(revoker.isGone(grant)).isFalse();
        revoker.revoke(grant);
        assertThat(revoker.isGone(grant)).isTrue();
        assertThat(fake().membersWithEmail(email)).isZero();

        AccessGrant never = grant(email(), team);
        faults.reset();
        assertThat(revoker.isGone(never)).isTrue();
        revoker.revoke(never);
        assertThat(faults.calls(SentryClient.PROVIDER)).as("nothing written").allMatch(c -> c.request().method().equals("GET"));
    }

    @Test
    void atTheDepartureTheMembershipIsRevokedAndARefusalGoesToTheSentryGroupByHand() {
        String person = email();
        String team = team();
        String refusedTeam = team();
        sentry.grant(person, team, SentryTeamRole.MEMBER);
        sentry.grant(SentryFakeApi.SEEDED_MEMBER, refusedTeam, SentryTeamRole.MEMBER);
        AccessGrant revoked = grants.register(SENTRY_ADMIN, person, "sentry", "ops-sentry", "équipe " + team,
                team + " " + person, "membre");
        // the seeded member: Sentry refuses to take them out of that team (a 400, as for an owner it cannot remove)
        AccessGrant refused = grants.register(SENTRY_ADMIN, person, "sentry", "ops-sentry", "équipe " + refusedTeam,
                refusedTeam + " " + SentryFakeApi.SEEDED_MEMBER, "membre");
        faults.answerNext(SentryClient.PROVIDER, r -> r.method().equals("DELETE") && r.rawPath().contains("/" + refusedTeam + "/"),
                r -> new ProviderResponse(400, "{\"detail\":\"Cannot remove this member.\"}",
                        Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);

        String reference = offboardings.start(viewers.of(SENTRY_ADMIN), person, LocalDate.now(clock).plusDays(3), Map.of());
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        drive(pi);
        Instant last = departures.items(reference).stream().map(DepartureItem::revokeAt).max(Instant::compareTo).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(last.plusSeconds(1)));
        drive(pi);

        assertThat(grants.byId(revoked.id()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
        assertThat(sentry.memberId(person)).as("no team left").isEmpty();
        assertThat(pi).isWaitingAt(OffboardingProcess.REVOKE_MANUALLY);
        var manual = offboardings.manualRevocations(viewers.of(SENTRY_ADMIN));
        assertThat(manual).filteredOn(m -> m.reference().equals(reference)).singleElement().satisfies(m -> {
            assertThat(m.grant().id()).isEqualTo(refused.id());
            assertThat(m.error()).contains("400");
        });
        assertThat(grants.byId(refused.id()).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);
        assertThat(fake().teamRole(SentryFakeApi.SEEDED_MEMBER, refusedTeam)).isPresent();
    }

    @Test
    void anExistingMembershipIsRegisteredOnceSentryConfirmsIt() {
        String email = email();
        String team = team();
        assertThatThrownBy(() -> registration.register(viewers.of(SENTRY_ADMIN), "sentry", email, email, team, null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.unknownAtProvider");
        assertThatThrownBy(() -> registration.register(viewers.of(SENTRY_ADMIN), "sentry", email, email, "Pas Un Slug", null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.sentry");
        sentry.grant(email, team, SentryTeamRole.MEMBER);
        assertThatThrownBy(() -> registration.register(viewers.of("jerome"), "sentry", email, email, team, null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.notYourGroup");

        AccessGrant grant = registration.register(viewers.of(SENTRY_ADMIN), "sentry", email, email, team, null);
        assertThat(grant.providerId()).isEqualTo(team + " " + email);
        assertThat(grant.resourceGroup()).isEqualTo("ops-sentry");
        assertThat(grant.registeredBy()).isEqualTo(SENTRY_ADMIN);
        assertThatThrownBy(() -> registration.register(viewers.of(SENTRY_ADMIN), "sentry", email, email, team, null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.known");
    }

    private void drive(ProcessInstance pi) {
        for (int i = 0; i < 100; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list();
            List<Job> delays = managementService.createJobQuery().processInstanceId(pi.getId()).timers()
                    .activityId(OffboardingProcess.VERIFY_DELAY).list();
            if (due.isEmpty() && delays.isEmpty()) {
                return;
            }
            if (!due.isEmpty()) {
                managementService.executeJob(due.get(0).getId());
            } else {
                delays.forEach(jobs::execute);
            }
        }
        throw new AssertionError("The departure never settled");
    }

    private String task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    }

    private static AccessGrant grant(String email, String team) {
        return new AccessGrant("test", email, null, "sentry", "ops-sentry", "équipe " + team, team + " " + email, "membre",
                Instant.now(), null, "test", GrantState.ACTIVE, null);
    }

    private SentryFakeApi fake() {
        return transports.sandboxFakes().stream().filter(SentryFakeApi.class::isInstance)
                .map(SentryFakeApi.class::cast).findFirst().orElseThrow();
    }

    private static String email() {
        return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "@example.org";
    }

    private static String team() {
        return "equipe-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
