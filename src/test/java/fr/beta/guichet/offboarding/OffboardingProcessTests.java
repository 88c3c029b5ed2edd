package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Every path of {@code bpmn/offboarding.bpmn} with the engine clock: reminders, cancellation, revocation at the
 * date (in parallel, read back), refusal handed to the group by hand, outage retried then an incident that a retry
 * resolves, an access removed by hand before the date, an access kept N days. The provider is {@link FakeRevoker}.
 */
@GuichetSpringTest
class OffboardingProcessTests {

    private static final String PERSON = "alice";
    private static final String EMAIL = "alice@beta.gouv.fr";
    private static final String OVH_ADMIN = "hussardnum";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired Offboardings offboardings;
    @Autowired Departures departures;
    @Autowired AccessGrants grants;
    @Autowired Viewers viewers;
    @Autowired FakeRevoker provider;
    @Autowired JobDriver jobs;
    @Autowired Clock clock;
    @Autowired JdbcTemplate jdbc;
    @Autowired OffboardingMetrics metrics;
    @Autowired io.micrometer.core.instrument.MeterRegistry registry;
    @MockitoSpyBean ChatChannel chat;

    private LocalDate departureDay;
    private Instant departureAt;
    /** When the test provider's accesses go by the default schedule: 30 days after the departure. */
    private Instant revokeAt;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        provider.reset();
        // every test starts from a person without access: earlier tests' grants and departures are closed
        jdbc.update("UPDATE guichet_access_grant SET state = 'GONE' WHERE state = 'ACTIVE'");
        jdbc.update("UPDATE guichet_offboarding SET state = 'CANCELLED' WHERE state = 'OPEN'");
        ClockUtil.setCurrentTime(Date.from(Instant.now()));
        departureDay = LocalDate.now(clock).plusDays(40);
        departureAt = departureDay.atStartOfDay(clock.getZone()).toInstant();
        revokeAt = departureAt.plus(Duration.ofDays(30));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        provider.reset();
    }

    @Test
    void remindersFireBeforeTheDateThenEveryAccessIsRevokedAndReadBack() {
        AccessGrant a = grant("a");
        AccessGrant b = grant("b");
        ProcessInstance pi = start(PERSON, Map.of());
        String reference = pi.getBusinessKey();
        verify(chat).post(eq(reference + ":announce"), says(PERSON));

        assertThat(timers(pi, OffboardingProcess.REMINDER_TIMER)).as("J-30, J-15, J-1 by default").hasSize(3);
        moveTo(departureAt.minus(Duration.ofDays(30)));
        drive(pi);
        verify(chat).reply(anyString(), argThat((String k) -> k.startsWith(reference + ":reminder:")), says(PERSON));
        assertThat(timers(pi, OffboardingProcess.REMINDER_TIMER)).hasSize(2);
        moveTo(departureAt.minus(Duration.ofDays(15)));
        drive(pi);
        assertThat(timers(pi, OffboardingProcess.REMINDER_TIMER)).hasSize(1);
        moveTo(departureAt.minus(Duration.ofDays(1)));
        drive(pi);
        assertThat(timers(pi, OffboardingProcess.REMINDER_TIMER)).isEmpty();
        assertThat(provider.holds(a.providerId())).as("nothing revoked before the date").isTrue();
        assertThat(pi).isWaitingAt(OffboardingProcess.DEPARTURE_TIMER);

        moveTo(departureAt.plusSeconds(1));
        drive(pi);
        assertThat(provider.holds(a.providerId())).as("the schedule: 30 days after").isTrue();
        assertThat(pi).isWaitingAt(OffboardingProcess.REVOCATION_TIMER);
        moveTo(revokeAt.plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(OffboardingProcess.DONE);
        assertThat(provider.holds(a.providerId())).isFalse();
        assertThat(provider.holds(b.providerId())).isFalse();
        assertThat(state(a)).isEqualTo(GrantState.REVOKED);
        assertThat(state(b)).isEqualTo(GrantState.REVOKED);
        assertThat(departures.items(reference)).allMatch(i -> i.outcome() == Outcome.REVOKED);
        assertThat(departures.byReference(reference).orElseThrow().state()).isEqualTo(Departure.State.DONE);
        verify(chat).reply(anyString(), eq(reference + ":revoked:" + a.id()), says("vérifié"));
        verify(chat).reply(anyString(), eq(reference + ":revoked:" + b.id()), says("vérifié"));
        verify(chat).reply(anyString(), eq(reference + ":summary"), says(a.resource()));
        assertThat(departures.overdueActiveGrants(revokeAt.plusSeconds(2))).isZero();
    }

    @Test
    void cancelledBeforeTheDateRevokesNothing() {
        AccessGrant a = grant("a");
        ProcessInstance pi = start(PERSON, Map.of());
        assertThatThrownBy(() -> offboardings.cancel(viewers.of("bob"), pi.getBusinessKey()))
                .isInstanceOf(TaskActionException.class);
        offboardings.cancel(viewers.of(PERSON), pi.getBusinessKey());
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(OffboardingProcess.CANCELLED);
        moveTo(revokeAt.plus(Duration.ofDays(1)));
        assertThat(provider.holds(a.providerId())).isTrue();
        assertThat(state(a)).isEqualTo(GrantState.ACTIVE);
        assertThat(departures.byReference(pi.getBusinessKey()).orElseThrow().state()).isEqualTo(Departure.State.CANCELLED);
        assertThat(departures.overdueActiveGrants(departureAt.plus(Duration.ofDays(1)))).as("cancelled: not overdue").isZero();
        verify(chat).reply(anyString(), eq(pi.getBusinessKey() + ":cancelled"), says("annulé"));
    }

    @Test
    void aRefusalGoesToTheGroupByHandThenFait() {
        AccessGrant a = grant("a");
        AccessGrant refused = grant("refused");
        provider.refuse(refused.providerId());
        ProcessInstance pi = start(PERSON, Map.of());
        moveTo(revokeAt.plusSeconds(1));
        OffboardingMetrics.Week before = thisWeek();
        drive(pi);

        assertThat(state(a)).isEqualTo(GrantState.REVOKED);
        assertThat(pi).isWaitingAt(OffboardingProcess.REVOKE_MANUALLY);
        var manual = offboardings.manualRevocations(viewers.of(OVH_ADMIN));
        assertThat(manual).singleElement().satisfies(m -> {
            assertThat(m.grant().id()).isEqualTo(refused.id());
            assertThat(m.error()).contains("403");
        });
        assertThat(offboardings.manualRevocations(viewers.of("jerome"))).as("not the Docker Hub group's").isEmpty();
        assertThat(departures.overdueActiveGrants(EngineNow.get())).as("the gauge shows it meanwhile").isEqualTo(1);
        assertThat(registry.get("guichet.grants.overdue.active").gauge().value()).isEqualTo(1.0);

        String taskId = manual.get(0).task().getId();
        assertThatThrownBy(() -> offboardings.done(viewers.of(OVH_ADMIN), taskId))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.takeFirst");
        assertThatThrownBy(() -> offboardings.take(viewers.of("jerome"), taskId))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        offboardings.take(viewers.of(OVH_ADMIN), taskId);
        assertThatThrownBy(() -> offboardings.take(viewers.of("julien"), taskId))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.taken");
        offboardings.done(viewers.of(OVH_ADMIN), taskId);
        drive(pi);

        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(OffboardingProcess.DONE);
        assertThat(state(refused)).isEqualTo(GrantState.REVOKED);
        assertThat(departures.item(pi.getBusinessKey(), refused.id()).orElseThrow())
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(Outcome.MANUAL))
                .satisfies(i -> assertThat(i.handledBy()).isEqualTo(OVH_ADMIN));
        verify(chat).reply(anyString(), eq(pi.getBusinessKey() + ":revoked:" + refused.id()), says(OVH_ADMIN));

        OffboardingMetrics.Week after = thisWeek();
        assertThat(after.done() - before.done()).isEqualTo(1);
        assertThat(after.revoked() - before.revoked()).isEqualTo(2);
        assertThat(after.manual() - before.manual()).as("revocations that needed a person").isEqualTo(1);
        assertThat(metrics.read(EngineNow.get().plusSeconds(1)).overdue()).isZero();
    }

    private OffboardingMetrics.Week thisWeek() {
        List<OffboardingMetrics.Week> weeks = metrics.weekly(1, clock.getZone());
        return weeks.get(weeks.size() - 1);
    }

    @Test
    void anOutageIsRetriedThenBecomesAnIncidentThatARetryResolves() {
        AccessGrant a = grant("a");
        ProcessInstance pi = start(PERSON, Map.of());
        moveTo(revokeAt.plusSeconds(1));
        provider.failNext(Integer.MAX_VALUE);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> drive(pi)).isInstanceOf(ProviderUnavailableException.class);
            moveTo(EngineNow.get().plus(Duration.ofMinutes(6)));
        }
        drive(pi); // nothing left to run: the job has no retries left
        Job job = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(OffboardingProcess.REVOKE)
                .singleResult();
        job = managementService.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(job.getRetries()).isZero();
        var incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(OffboardingProcess.REVOKE);
        assertThat(state(a)).isEqualTo(GrantState.ACTIVE);

        provider.failNext(0);
        managementService.setJobRetries(job.getId(), 1);
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(state(a)).isEqualTo(GrantState.REVOKED);
        assertThat(provider.holds(a.providerId())).isFalse();
    }

    @Test
    void anAccessRemovedByHandBeforeTheDateCountsAsDone() {
        AccessGrant a = grant("a");
        ProcessInstance pi = start(PERSON, Map.of());
        provider.removeByHand(a.providerId());
        moveTo(revokeAt.plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(historicEnd(pi)).isEqualTo(OffboardingProcess.DONE);
        assertThat(provider.revokeCalls()).as("nothing to remove").isZero();
        assertThat(state(a)).isEqualTo(GrantState.GONE);
        assertThat(departures.item(pi.getBusinessKey(), a.id()).orElseThrow().outcome()).isEqualTo(Outcome.GONE);
    }

    @Test
    void aRevocationTheProviderFinishesLaterIsReadAgainUntilGone() {
        AccessGrant a = grant("a");
        provider.slow(a.providerId(), 2);
        ProcessInstance pi = start(PERSON, Map.of());
        moveTo(revokeAt.plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(state(a)).isEqualTo(GrantState.REVOKED);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(OffboardingProcess.VERIFY).count()).isEqualTo(3);
    }

    @Test
    void anAccessKeptForNDaysIsRevokedThenAndAKeptOneNever() {
        AccessGrant revoked = grant("now");
        AccessGrant keptDays = grant("redirection");
        AccessGrant kept = grant("kept");
        ProcessInstance pi = start(PERSON, Map.of(
                keptDays.id(), new Offboardings.Choice(Decision.KEEP_DAYS, 45),
                kept.id(), new Offboardings.Choice(Decision.KEEP, null)));
        moveTo(revokeAt.plusSeconds(1));
        drive(pi);
        assertThat(state(revoked)).isEqualTo(GrantState.REVOKED);
        assertThat(state(keptDays)).isEqualTo(GrantState.ACTIVE);
        assertThat(pi).isWaitingAt(OffboardingProcess.REVOCATION_TIMER);
        assertThat(departures.overdueActiveGrants(EngineNow.get())).isZero();

        moveTo(departureAt.plus(Duration.ofDays(44)));
        drive(pi);
        assertThat(state(keptDays)).as("still within the 45 days").isEqualTo(GrantState.ACTIVE);
        moveTo(departureAt.plus(Duration.ofDays(45)).plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(state(keptDays)).isEqualTo(GrantState.REVOKED);
        assertThat(state(kept)).isEqualTo(GrantState.ACTIVE);
        assertThat(provider.holds(kept.providerId())).isTrue();
    }

    @Test
    void aPersonOffboardsOnlyThemselfAndAnAdminOnlyTheirGroupsAccesses() {
        AccessGrant ovh = grant("ovh");
        AccessGrant docker = grants.register("jerome", EMAIL, FakeRevoker.KIND, "ops-dockerhub", "Docker " + UUID.randomUUID(),
                "docker-" + UUID.randomUUID(), "membre");
        provider.add(docker.providerId());
        assertThatThrownBy(() -> offboardings.start(viewers.of("bob"), EMAIL, departureDay, Map.of()))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.onlyYourself");
        assertThat(offboardings.offerable(viewers.of("jerome"), EMAIL)).extracting(AccessGrant::id)
                .contains(docker.id()).doesNotContain(ovh.id());
        assertThatThrownBy(() -> offboardings.start(viewers.of("jerome"), EMAIL, departureDay,
                Map.of(ovh.id(), new Offboardings.Choice(Decision.REVOKE, null))))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.forbidden");
        assertThatThrownBy(() -> offboardings.start(viewers.of(PERSON), EMAIL, LocalDate.now(clock), Map.of()))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.date");

        String reference = offboardings.start(viewers.of("jerome"), EMAIL, departureDay, Map.of());
        assertThat(departures.items(reference)).extracting(DepartureItem::grantId).containsExactly(docker.id());
        assertThat(offboardings.offerable(viewers.of("manon"), EMAIL)).extracting(AccessGrant::id)
                .as("a manager sees the rest, not what is already planned").contains(ovh.id()).doesNotContain(docker.id());
        offboardings.cancel(viewers.of("jerome"), reference);
        verify(chat, never()).reply(anyString(), eq(reference + ":summary"), org.mockito.ArgumentMatchers.any(fr.beta.guichet.notification.ChatMessage.class));
    }

    private AccessGrant grant(String name) {
        String id = name + "-" + UUID.randomUUID();
        provider.add(id);
        return grants.register(OVH_ADMIN, EMAIL, FakeRevoker.KIND, "ops-ovh", "Accès de test " + id, id, "test");
    }

    /** Starts a departure of alice, by herself, for {@code departureDay}; runs its announcement. */
    private ProcessInstance start(String by, Map<String, Offboardings.Choice> choices) {
        // only the grants of this test: earlier tests' grants of alice are ended by now or planned
        var mine = new HashMap<>(choices);
        String reference = offboardings.start(viewers.of(by), EMAIL, departureDay, mine);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        drive(pi);
        return pi;
    }

    private void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every due job, timers included, until the instance waits on something in the future or a person. */
    private void drive(ProcessInstance pi) {
        for (int i = 0; i < 100; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list();
            List<Job> delays = timers(pi, OffboardingProcess.VERIFY_DELAY);
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

    private List<Job> timers(ProcessInstance pi, String activityId) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId).list();
    }

    private GrantState state(AccessGrant grant) {
        return grants.byId(grant.id()).orElseThrow().state();
    }

    private String historicEnd(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId();
    }

    /** The engine's clock. */
    private static final class EngineNow {
        static Instant get() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    }

    /** A chat message whose text contains {@code part} (a person is shown by name when they have no chat id). */
    private static fr.beta.guichet.notification.ChatMessage says(String part) {
        return org.mockito.ArgumentMatchers.argThat(m -> m != null && m.plainText().contains(part));
    }
}
