package fr.beta.guichet.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * The default working calendar through the engine: the {@code claim} timers of a real request, with the engine
 * clock ({@code ClockUtil}) set to the filing time. « 1 jour ouvré » = 9:00–18:00 of one working day.
 */
@GuichetSpringTest
class WorkingSlaTimersTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RuntimeService runtimeService;
    @Autowired JobDriver jobs;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void filedOnFridayAt17RemindsOnMondayAt17AndEscalatesOnTuesday() {
        String pi = fileAt("2026-03-06T17:00");
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).isEqualTo(paris("2026-03-09T17:00"));
        assertThat(due(pi, LifecycleElements.ESCALATION_TIMER)).isEqualTo(paris("2026-03-10T17:00"));

        ClockUtil.setCurrentTime(Date.from(paris("2026-03-09T17:00")));
        jobs.execute(jobs.timer(pi, LifecycleElements.REMINDER_TIMER));
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).as("next reminder, one working day later")
                .isEqualTo(paris("2026-03-10T17:00"));
    }

    @Test
    void filedOn23DecemberAt17SkipsChristmas() {
        String pi = fileAt("2025-12-23T17:00");
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).isEqualTo(paris("2025-12-24T17:00"));
        assertThat(due(pi, LifecycleElements.ESCALATION_TIMER)).as("not on the 25th").isEqualTo(paris("2025-12-26T17:00"));
        ClockUtil.setCurrentTime(Date.from(paris("2025-12-24T17:00")));
        jobs.execute(jobs.timer(pi, LifecycleElements.REMINDER_TIMER));
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).isEqualTo(paris("2025-12-26T17:00"));
    }

    @Test
    void aHolidayOnAMondayIsSkipped() {
        String pi = fileAt("2026-04-03T17:00"); // Friday before Easter Monday
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).isEqualTo(paris("2026-04-07T17:00"));
        assertThat(due(pi, LifecycleElements.ESCALATION_TIMER)).isEqualTo(paris("2026-04-08T17:00"));
    }

    private String fileAt(String parisTime) {
        ClockUtil.setCurrentTime(Date.from(paris(parisTime)));
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey("request-subdomain").orElseThrow();
        String reference = starter.start(type, new SubdomainRequest("w" + UUID.randomUUID().toString().substring(0, 8),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Startup", "Test"), "alice");
        String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        jobs.runDueJobs(pi);
        return pi;
    }

    private Instant due(String pi, String timer) {
        return jobs.timer(pi, timer).getDuedate().toInstant();
    }

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }
}
