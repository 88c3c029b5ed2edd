package fr.beta.guichet.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.beta.guichet.calendar.SlaCalendarProperties.Mode;

/** The SLA calendar on its own: working days and hours, French public holidays, continuous mode, the cycles. */
class SlaCalendarTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SlaDelay ONE_DAY = SlaDelay.of(Duration.ofHours(24));
    private static final SlaDelay TWO_DAYS = SlaDelay.of(Duration.ofHours(48));

    private final SlaCalendar working = new SlaCalendar(new SlaCalendarProperties(null, null, null, null, null, null));
    private final SlaCalendar continuous = new SlaCalendar(
            new SlaCalendarProperties(Mode.CONTINUOUS, null, null, null, null, null));

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aRequestFiledOnFridayAt17IsOneWorkingDayOldOnMondayAt17() {
        assertThat(working.add(paris("2026-03-06T17:00"), ONE_DAY)).isEqualTo(paris("2026-03-09T17:00"));
        assertThat(working.add(paris("2026-03-06T17:00"), TWO_DAYS)).isEqualTo(paris("2026-03-10T17:00"));
    }

    @Test
    void christmasDayIsSkipped() {
        // Tuesday 23 December 2025: the 24th counts, the 25th (Thursday) does not
        assertThat(working.add(paris("2025-12-23T17:00"), ONE_DAY)).isEqualTo(paris("2025-12-24T17:00"));
        assertThat(working.add(paris("2025-12-23T17:00"), TWO_DAYS)).isEqualTo(paris("2025-12-26T17:00"));
        // Wednesday 23 December 2026: the 25th is a Friday, the next working day the 28th
        assertThat(working.add(paris("2026-12-23T17:00"), TWO_DAYS)).isEqualTo(paris("2026-12-28T17:00"));
    }

    @Test
    void mondayHolidaysAndAscensionAreSkipped() {
        // Easter Monday 6 April 2026, Whit Monday 25 May 2026, Ascension Thursday 14 May 2026
        assertThat(working.add(paris("2026-04-03T17:00"), ONE_DAY)).isEqualTo(paris("2026-04-07T17:00"));
        assertThat(working.add(paris("2026-05-22T17:00"), ONE_DAY)).isEqualTo(paris("2026-05-26T17:00"));
        assertThat(working.add(paris("2026-05-13T17:00"), ONE_DAY)).isEqualTo(paris("2026-05-15T17:00"));
        assertThat(working.isWorkingDay(java.time.LocalDate.of(2026, 4, 6))).isFalse();
        assertThat(working.isWorkingDay(java.time.LocalDate.of(2026, 7, 14))).isFalse();
        assertThat(working.isWorkingDay(java.time.LocalDate.of(2026, 7, 15))).isTrue();
    }

    @Test
    void timeOutsideWorkingHoursCountsFromTheNextOpening() {
        // Saturday morning: Monday 9:00 + 2 working hours
        assertThat(working.add(paris("2026-03-07T10:00"), SlaDelay.parse("sla:PT2H"))).isEqualTo(paris("2026-03-09T11:00"));
        // Tuesday evening: Wednesday 9:00 + one working day = Wednesday 18:00
        assertThat(working.add(paris("2026-03-03T20:00"), ONE_DAY)).isEqualTo(paris("2026-03-04T18:00"));
        // early morning: that day's 9:00 + 9 h
        assertThat(working.add(paris("2026-03-03T07:30"), ONE_DAY)).isEqualTo(paris("2026-03-03T18:00"));
        // across the daylight saving change (Sunday 29 March 2026): still 17:00 Paris time
        assertThat(working.add(paris("2026-03-27T17:00"), ONE_DAY)).isEqualTo(paris("2026-03-30T17:00"));
    }

    @Test
    void tenWorkingDaysAreTwoWeeks() {
        assertThat(working.add(paris("2026-03-03T10:00"), SlaDelay.of(Duration.ofDays(3)))).isEqualTo(paris("2026-03-06T10:00"));
        assertThat(working.add(paris("2026-03-03T10:00"), SlaDelay.of(Duration.ofDays(10)))).isEqualTo(paris("2026-03-17T10:00"));
    }

    @Test
    void continuousModeKeeps24And48Hours() {
        Instant friday = paris("2026-03-06T17:00");
        assertThat(continuous.add(friday, ONE_DAY)).isEqualTo(friday.plus(Duration.ofHours(24)));
        assertThat(continuous.add(friday, TWO_DAYS)).isEqualTo(friday.plus(Duration.ofHours(48)));
        assertThat(continuous.add(paris("2025-12-24T17:00"), ONE_DAY)).isEqualTo(paris("2025-12-25T17:00"));
    }

    @Test
    void configuredDurationsBecomeSlaDelays() {
        assertThat(SlaDelay.of(Duration.ofHours(24)).expression()).isEqualTo("sla:P1D");
        assertThat(SlaDelay.of(Duration.ofHours(48)).expression()).isEqualTo("sla:P2D");
        assertThat(SlaDelay.of(Duration.ofHours(30)).expression()).isEqualTo("sla:P1DT6H");
        assertThat(SlaDelay.of(Duration.ofMinutes(90)).expression()).isEqualTo("sla:PT1H30M");
        assertThat(SlaDelay.parse("sla:P1DT6H")).isEqualTo(SlaDelay.of(Duration.ofHours(30)));
        assertThatThrownBy(() -> SlaDelay.parse("sla:tomorrow")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaCalendar(new SlaCalendarProperties(null, null, "18:00", "09:00", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void engineCalendarsResolveSlaTimersAndLeaveOthersContinuous() {
        ClockUtil.setCurrentTime(Date.from(paris("2026-03-06T17:00")));
        var duration = new SlaCalendarPlugin.SlaDurationCalendar(working);
        assertThat(duration.resolveDuedate("sla:P1D").toInstant()).isEqualTo(paris("2026-03-09T17:00"));
        // the mailbox's provider polling is no SLA: one minute, even on a Friday evening
        assertThat(duration.resolveDuedate("PT1M").toInstant()).isEqualTo(paris("2026-03-06T17:01"));

        var cycle = new SlaCalendarPlugin.SlaCycleCalendar(working);
        assertThat(cycle.resolveDuedate("R/sla:P1D").toInstant()).isEqualTo(paris("2026-03-09T17:00"));
        // the engine stores a repeating cycle with its start; the next repetition is the first one after now
        ClockUtil.setCurrentTime(Date.from(paris("2026-03-09T17:00")));
        String repeat = "R/" + new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss")
                .format(Date.from(paris("2026-03-06T17:00"))) + "/sla:P1D";
        assertThat(cycle.resolveDuedate(repeat, null, 0L).toInstant()).isEqualTo(paris("2026-03-10T17:00"));
        assertThat(cycle.resolveDuedate(repeat.replaceFirst("^R/", "R1/"), null, 0L)).isNull();
        assertThat(cycle.resolveDuedate("R/PT1H").toInstant()).isEqualTo(paris("2026-03-09T18:00"));
    }

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }
}
