package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.GrantRegistration;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.provider.dimail.DimailAddress;
import fr.beta.guichet.provider.dimail.DimailClient;
import fr.beta.guichet.provider.dimail.DimailProperties;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.support.DimailMailTest;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.JobDriver;
import fr.beta.guichet.support.ProviderFault;

/**
 * A departure on Dimail with the engine clock: Dimail mailboxes and aliases registered as grants (checked at Dimail
 * first), the alias deleted at the date, the mailbox suspended at its revocation date then deleted after
 * {@code guichet.dimail.deletion-grace}, each read back from Dimail's v2 list; a mailbox kept is never touched.
 */
@DimailMailTest
@Import(JobDriver.class)
class DimailOffboardingTests {

    private static final String PERSON = "alice";
    private static final String EMAIL = "alice@beta.gouv.fr";
    private static final String OVH_ADMIN = "hussardnum";
    private static final String DOMAIN = "beta.gouv.fr";

    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired Offboardings offboardings;
    @Autowired Departures departures;
    @Autowired AccessGrants grants;
    @Autowired GrantRegistration registration;
    @Autowired Viewers viewers;
    @Autowired DimailClient dimail;
    @Autowired DimailProperties dimailProperties;
    @Autowired MailboxDeletions deletions;
    @Autowired FaultyTransport faults;
    @Autowired JobDriver jobs;
    @Autowired Clock clock;
    @Autowired JdbcTemplate jdbc;

    private LocalDate departureDay;
    private Instant departureAt;

    @BeforeEach
    void setUp() {
        jdbc.update("UPDATE guichet_access_grant SET state = 'GONE' WHERE state = 'ACTIVE'");
        jdbc.update("UPDATE guichet_offboarding SET state = 'CANCELLED' WHERE state = 'OPEN'");
        jdbc.update("UPDATE guichet_dimail_deletion SET deleted_at = due_at WHERE deleted_at IS NULL");
        ClockUtil.setCurrentTime(Date.from(Instant.now()));
        departureDay = LocalDate.now(clock).plusDays(10);
        departureAt = departureDay.atStartOfDay(clock.getZone()).toInstant();
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        faults.reset();
    }

    @Test
    void aliasDeletedAtTheDateMailboxSuspendedThenDeletedAfterTheGraceAKeptOneUntouched() {
        String local = "depart." + suffix();
        String keptLocal = "garde." + suffix();
        String aliasLocal = "redir." + suffix();
        dimail.createMailbox(DOMAIN, local, "Depart", "Test", "Depart Test");
        dimail.createMailbox(DOMAIN, keptLocal, "Garde", "Test", "Garde Test");
        dimail.createAlias(DOMAIN, aliasLocal, "perso@example.org", false);
        AccessGrant mailbox = registration.register(viewers.of(OVH_ADMIN), "mailbox", EMAIL, local + "@" + DOMAIN, null, null);
        AccessGrant kept = registration.register(viewers.of(OVH_ADMIN), "mailbox", EMAIL, keptLocal + "@" + DOMAIN, null, null);
        AccessGrant alias = registration.register(viewers.of(OVH_ADMIN), "redirection", EMAIL, aliasLocal + "@" + DOMAIN,
                "perso@example.org", null);

        String reference = offboardings.start(viewers.of(PERSON), EMAIL, departureDay,
                Map.of(kept.id(), new Offboardings.Choice(Decision.KEEP, null)));
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        drive(pi);
        Instant mailboxAt = departures.item(reference, mailbox.id()).orElseThrow().revokeAt();
        Instant aliasAt = departures.item(reference, alias.id()).orElseThrow().revokeAt();

        // the incubator's schedule: the mailbox is suspended at J+5, the redirection deleted at J+30
        assertThat(mailboxAt).isBefore(aliasAt);

        moveTo(mailboxAt.plusSeconds(1));
        drive(pi);
        assertThat(state(mailbox)).isEqualTo(GrantState.REVOKED);
        assertThat(address(local)).as("suspended, not deleted yet")
                .hasValueSatisfying(a -> assertThat(a.imapActive()).isEqualTo("no"));
        assertThat(departures.item(reference, mailbox.id()).orElseThrow().outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(dimail.aliases(DOMAIN)).as("the redirection waits for its own date")
                .anyMatch(a -> a.userName().equals(aliasLocal));

        moveTo(aliasAt.plusSeconds(1));
        drive(pi);
        assertThat(state(alias)).isEqualTo(GrantState.REVOKED);
        assertThat(dimail.aliases(DOMAIN)).noneMatch(a -> a.userName().equals(aliasLocal));
        assertThat(pi).as("the departure is done once every access is taken back").satisfies(p -> assertThat(
                runtimeService.createProcessInstanceQuery().processInstanceId(p.getId()).count()).isZero());
        assertThat(address(local)).as("still suspended within the grace")
                .hasValueSatisfying(a -> assertThat(a.imapActive()).isEqualTo("no"));

        Duration grace = dimailProperties.deletionGrace();
        moveTo(mailboxAt.plus(grace).minus(Duration.ofHours(1)));
        assertThat(deletions.run()).as("within the grace period").isZero();
        assertThat(address(local)).isPresent();

        moveTo(mailboxAt.plus(grace).plus(Duration.ofMinutes(1)));
        assertThat(deletions.run()).isEqualTo(1);
        assertThat(address(local)).as("deleted, read back from the v2 list").isEmpty();
        assertThat(deletions.run()).as("done once").isZero();

        assertThat(state(kept)).isEqualTo(GrantState.ACTIVE);
        assertThat(address(keptLocal)).hasValueSatisfying(a -> assertThat(a.isActive()).isTrue());
    }

    @Test
    void aDeletionDuringAnOutageIsTriedAgainAtTheNextRun() {
        String local = "panne." + suffix();
        dimail.createMailbox(DOMAIN, local, "Panne", "Test", "Panne Test");
        AccessGrant grant = registration.register(viewers.of(OVH_ADMIN), "mailbox", EMAIL, local + "@" + DOMAIN, null, null);
        var revoker = new ProviderRevokers.Mailbox(mailProvider());
        revoker.revoke(grant);
        assertThat(revoker.isGone(grant)).as("suspended with its deletion scheduled").isTrue();
        revoker.revoke(grant); // idempotent: keeps its date

        moveTo(Instant.now().plus(dimailProperties.deletionGrace()).plus(Duration.ofMinutes(1)));
        faults.failNext(DimailClient.PROVIDER, r -> r.method().equals("DELETE"), ProviderFault.SERVER_ERROR, 1);
        assertThat(deletions.run()).isZero();
        assertThat(address(local)).isPresent();
        assertThat(jdbc.queryForObject("SELECT last_error FROM guichet_dimail_deletion WHERE local_part = ?",
                String.class, local)).contains("500");
        assertThat(deletions.run()).isEqualTo(1);
        assertThat(address(local)).isEmpty();
    }

    @Test
    void onlyWhatDimailHoldsCanBeRegistered() {
        assertThatThrownBy(() -> registration.register(viewers.of(OVH_ADMIN), "mailbox", EMAIL,
                "inconnu." + suffix() + "@" + DOMAIN, null, null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.unknownAtProvider");
        assertThatThrownBy(() -> registration.register(viewers.of(OVH_ADMIN), "redirection", EMAIL,
                "inconnu." + suffix() + "@" + DOMAIN, "perso@example.org", null))
                .isInstanceOf(TaskActionException.class).hasMessage("registry.error.unknownAtProvider");
        faults.failNext(DimailClient.PROVIDER, FaultyTransport.all(), ProviderFault.SERVER_ERROR, 10);
        assertThatThrownBy(() -> registration.register(viewers.of(OVH_ADMIN), "mailbox", EMAIL, "contact@" + DOMAIN,
                null, null)).isInstanceOf(TaskActionException.class).hasMessage("registry.error.unavailable");
    }

    @Autowired fr.beta.guichet.provider.mail.MailProvider mailProviderBean;

    private fr.beta.guichet.provider.mail.MailProvider mailProvider() {
        return mailProviderBean;
    }

    private Optional<DimailAddress> address(String local) {
        return dimail.address(DOMAIN, local);
    }

    private GrantState state(AccessGrant grant) {
        return grants.byId(grant.id()).orElseThrow().state();
    }

    private void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every due job, timers included, until the instance waits on something in the future or a person. */
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

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
