package fr.beta.guichet.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.JobDriver;

/**
 * {@code GUICHET_SLA_CALENDAR=continuous}: the same models count plain time, so a request filed on Friday at 17:00
 * is reminded on Saturday at 17:00 (24 h) and escalated on Sunday at 17:00 (48 h), as before the working calendar.
 * A context of its own (own in-memory database).
 */
@SpringBootTest(properties = {"guichet.sla.calendar.mode=continuous",
        "spring.datasource.url=jdbc:h2:mem:guichet-continuous;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
class ContinuousSlaTimersTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JobDriver jobs;
    @Autowired SlaCalendar calendar;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void remindersAndEscalationKeep24And48Hours() {
        assertThat(calendar.isWorking()).isFalse();
        Instant friday = paris("2026-03-06T17:00");
        ClockUtil.setCurrentTime(Date.from(friday));
        String pi = start();
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).isEqualTo(friday.plus(Duration.ofHours(24)));
        assertThat(due(pi, LifecycleElements.ESCALATION_TIMER)).isEqualTo(friday.plus(Duration.ofHours(48)));

        ClockUtil.setCurrentTime(Date.from(friday.plus(Duration.ofHours(24))));
        jobs.execute(jobs.timer(pi, LifecycleElements.REMINDER_TIMER));
        assertThat(due(pi, LifecycleElements.REMINDER_TIMER)).as("the cycle repeats every 24 h")
                .isEqualTo(friday.plus(Duration.ofHours(48)));
    }

    @Test
    void theRequestersDelaysAreThreeAndTenDays() {
        Instant friday = paris("2026-03-06T17:00");
        ClockUtil.setCurrentTime(Date.from(friday));
        String pi = start();
        String claim = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        tasks.ask(claim, "julien", "Une précision ?");
        jobs.runDueJobs(pi);
        assertThat(due(pi, LifecycleElements.QUESTION_REMINDER_TIMER)).isEqualTo(friday.plus(Duration.ofDays(3)));
        assertThat(due(pi, LifecycleElements.QUESTION_EXPIRED_TIMER)).isEqualTo(friday.plus(Duration.ofDays(10)));
    }

    private String start() {
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey("request-subdomain").orElseThrow();
        String reference = starter.start(type, new SubdomainRequest("c" + UUID.randomUUID().toString().substring(0, 8),
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
