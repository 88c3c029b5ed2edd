package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * The incubator's schedule with the engine clock: by default a mailbox's revocation starts 5 days after the departure
 * and every other access's 30 days after; the form overrides it per access (0 days: on the departure date). Also: a
 * refused declaration takes no reference, and a cancelled departure's page shows nothing pending.
 */
@GuichetSpringTest
class OffboardingScheduleTests {

    private static final String MANAGER = "manon";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired Offboardings offboardings;
    @Autowired Departures departures;
    @Autowired AccessGrants grants;
    @Autowired Viewers viewers;
    @Autowired FakeRevoker provider;
    @Autowired JobDriver jobs;
    @Autowired Clock clock;
    @Autowired MockMvc mvc;
    @Value("${guichet.ovh.mail-domain}") String domain;

    private String person;
    private LocalDate departureDay;
    private Instant departureAt;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        provider.reset();
        ClockUtil.setCurrentTime(new Date());
        person = "depart." + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "@example.org";
        departureDay = LocalDate.now(clock).plusDays(40);
        departureAt = departureDay.atStartOfDay(clock.getZone()).toInstant();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        provider.reset();
    }

    @Test
    void byDefaultTheMailboxGoesFiveDaysAfterTheDepartureAndEverythingElseThirty() {
        // absent at the providers: each revocation, once started, reads back « already gone »
        AccessGrant mailbox = register("mailbox", "ops-ovh", domain + " absent" + UUID.randomUUID().toString().substring(0, 6));
        AccessGrant redirection = register("redirection", "ops-ovh", domain + " r@" + domain + " perso@example.org");
        AccessGrant other = testGrant();
        ProcessInstance pi = start(Map.of());

        assertThat(revokeAt(pi, mailbox)).isEqualTo(departureAt.plus(Duration.ofDays(5)));
        assertThat(revokeAt(pi, redirection)).isEqualTo(departureAt.plus(Duration.ofDays(30)));
        assertThat(revokeAt(pi, other)).isEqualTo(departureAt.plus(Duration.ofDays(30)));

        moveTo(departureAt.plusSeconds(1));
        drive(pi);
        assertThat(revocationTimers(pi)).as("one per access, each on its date")
                .extracting(j -> j.getDuedate().toInstant())
                .containsExactlyInAnyOrder(departureAt.plus(Duration.ofDays(5)), departureAt.plus(Duration.ofDays(30)),
                        departureAt.plus(Duration.ofDays(30)));
        assertThat(outcome(pi, mailbox)).isNull();

        moveTo(departureAt.plus(Duration.ofDays(5)).minusSeconds(1));
        drive(pi);
        assertThat(outcome(pi, mailbox)).as("not before J+5").isNull();
        moveTo(departureAt.plus(Duration.ofDays(5)).plusSeconds(1));
        drive(pi);
        assertThat(outcome(pi, mailbox)).isEqualTo(Outcome.GONE);
        assertThat(outcome(pi, redirection)).isNull();
        assertThat(state(other)).isEqualTo(GrantState.ACTIVE);
        assertThat(provider.holds(other.providerId())).isTrue();

        moveTo(departureAt.plus(Duration.ofDays(30)).minusSeconds(1));
        drive(pi);
        assertThat(state(other)).as("not before J+30").isEqualTo(GrantState.ACTIVE);
        moveTo(departureAt.plus(Duration.ofDays(30)).plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(outcome(pi, redirection)).isEqualTo(Outcome.GONE);
        assertThat(state(other)).isEqualTo(GrantState.REVOKED);
        assertThat(provider.holds(other.providerId())).isFalse();
    }

    @Test
    void theFormOverridesTheScheduleForOneAccess() {
        AccessGrant atDeparture = testGrant();
        AccessGrant later = testGrant();
        AccessGrant kept = testGrant();
        AccessGrant scheduled = testGrant();
        assertThatThrownBy(() -> offboardings.start(viewers.of(MANAGER), person, departureDay,
                Map.of(kept.id(), new Offboardings.Choice(Decision.KEEP_DAYS, 366))))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.keepDays");
        ProcessInstance pi = start(Map.of(
                atDeparture.id(), new Offboardings.Choice(Decision.KEEP_DAYS, 0),
                later.id(), new Offboardings.Choice(Decision.KEEP_DAYS, 60),
                kept.id(), new Offboardings.Choice(Decision.KEEP, null)));
        assertThat(revokeAt(pi, atDeparture)).isEqualTo(departureAt);
        assertThat(revokeAt(pi, later)).isEqualTo(departureAt.plus(Duration.ofDays(60)));
        assertThat(revokeAt(pi, kept)).isNull();
        assertThat(revokeAt(pi, scheduled)).isEqualTo(departureAt.plus(Duration.ofDays(30)));

        moveTo(departureAt.plusSeconds(1));
        drive(pi);
        assertThat(state(atDeparture)).isEqualTo(GrantState.REVOKED);
        assertThat(state(scheduled)).isEqualTo(GrantState.ACTIVE);
        moveTo(departureAt.plus(Duration.ofDays(30)).plusSeconds(1));
        drive(pi);
        assertThat(state(scheduled)).isEqualTo(GrantState.REVOKED);
        assertThat(state(later)).isEqualTo(GrantState.ACTIVE);
        moveTo(departureAt.plus(Duration.ofDays(60)).plusSeconds(1));
        drive(pi);
        assertThat(pi).isEnded();
        assertThat(state(later)).isEqualTo(GrantState.REVOKED);
        assertThat(state(kept)).isEqualTo(GrantState.ACTIVE);

    }

    @Test
    void theFormShowsEachAccessDefaultDay() throws Exception {
        register("mailbox", "ops-ovh", domain + " boite" + UUID.randomUUID().toString().substring(0, 6));
        register("redirection", "ops-ovh", domain + " f@" + domain + " perso@example.org");
        String page = mvc.perform(get("/departs/nouveau").param("personne", person).with(user(MANAGER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Suspendre selon le calendrier : 5 jours après le départ",
                "Retirer selon le calendrier : 30 jours après le départ").doesNotContain("??");
    }

    @Test
    void aRefusedDeclarationTakesNoReference() {
        AccessGrant grant = testGrant();
        String first = offboardings.start(viewers.of(MANAGER), person, departureDay, Map.of());
        offboardings.cancel(viewers.of(MANAGER), first);
        assertThatThrownBy(() -> offboardings.start(viewers.of(MANAGER), person, departureDay,
                Map.of(grant.id(), new Offboardings.Choice(Decision.KEEP_DAYS, -1))))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.keepDays");
        assertThatThrownBy(() -> offboardings.start(viewers.of(MANAGER), person, LocalDate.now(clock), Map.of()))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.date");
        String next = offboardings.start(viewers.of(MANAGER), person, departureDay, Map.of());
        assertThat(number(next)).as("%s right after %s", next, first).isEqualTo(number(first) + 1);
        offboardings.cancel(viewers.of(MANAGER), next);
    }

    @Test
    void aCancelledDepartureShowsNothingPending() throws Exception {
        testGrant();
        String reference = offboardings.start(viewers.of(MANAGER), person, departureDay, Map.of());
        String open = mvc.perform(get("/departs/" + reference).with(user(MANAGER))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(open).select("td.outcome").text()).isEqualTo("en attente");
        mvc.perform(post("/departs/" + reference + "/annuler").with(user(MANAGER)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        var page = Jsoup.parse(mvc.perform(get("/departs/" + reference).with(user(MANAGER))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(page.select("#departure-state").text()).isEqualTo("annulé");
        assertThat(page.select("td.outcome").text()).isEqualTo("non retiré : départ annulé");
        assertThat(page.select("td.revoke-at").text()).isEqualTo("—");
        assertThat(page.text()).doesNotContain("en attente");
    }

    private AccessGrant register(String kind, String group, String providerId) {
        return grants.register("hussardnum", person, kind, group, kind + " " + providerId, providerId, "-");
    }

    private AccessGrant testGrant() {
        String id = "schedule-" + UUID.randomUUID();
        provider.add(id);
        return grants.register("hussardnum", person, FakeRevoker.KIND, "ops-ovh", "Accès de test " + id, id, "test");
    }

    private ProcessInstance start(Map<String, Offboardings.Choice> choices) {
        String reference = offboardings.start(viewers.of(MANAGER), person, departureDay, choices);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        drive(pi);
        return pi;
    }

    private Instant revokeAt(ProcessInstance pi, AccessGrant grant) {
        return departures.item(pi.getBusinessKey(), grant.id()).orElseThrow().revokeAt();
    }

    private Outcome outcome(ProcessInstance pi, AccessGrant grant) {
        return departures.item(pi.getBusinessKey(), grant.id()).orElseThrow().outcome();
    }

    private GrantState state(AccessGrant grant) {
        return grants.byId(grant.id()).orElseThrow().state();
    }

    private List<Job> revocationTimers(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId(OffboardingProcess.REVOCATION_TIMER).list();
    }

    private static int number(String reference) {
        return Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1));
    }

    private static void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every due job and the read-back delays until the departure waits on a later date or a person. */
    private void drive(ProcessInstance pi) {
        for (int i = 0; i < 200; i++) {
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
}
