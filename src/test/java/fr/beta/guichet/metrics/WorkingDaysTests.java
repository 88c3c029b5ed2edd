package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Monday to Friday less the French public holidays, and the working time of an interval. */
class WorkingDaysTests {

    private final WorkingDays days = new WorkingDays();

    @Test
    void weekendsAndFrenchPublicHolidaysAreNotWorkingDays() {
        // 2026: Easter Monday 6 April, 1 May (Friday), 8 May (Friday), Ascension 14 May, Whit Monday 25 May,
        // 14 July, 15 August (Saturday), 1 and 11 November, Christmas
        for (String holiday : List.of("2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14",
                "2026-07-14", "2026-11-11", "2026-12-25")) {
            assertThat(days.isWorkingDay(LocalDate.parse(holiday))).as(holiday).isFalse();
        }
        assertThat(days.isWorkingDay(LocalDate.parse("2026-12-05"))).as("Saturday").isFalse();
        assertThat(days.isWorkingDay(LocalDate.parse("2026-12-06"))).as("Sunday").isFalse();
        assertThat(days.isWorkingDay(LocalDate.parse("2026-12-01"))).as("a Tuesday").isTrue();
        assertThat(days.isWorkingDay(LocalDate.parse("2026-04-07"))).as("the day after Easter Monday").isTrue();
    }

    @Test
    void workingTimeLeavesOutWeekendsAndHolidays() {
        // Friday 16:00 → Monday 10:00: 8 h on Friday, 10 h on Monday
        assertThat(days.between(LocalDateTime.parse("2026-11-27T16:00"), LocalDateTime.parse("2026-11-30T10:00")))
                .isCloseTo(0.75, within(1e-9));
        // Thursday 30 April 12:00 → Monday 4 May 12:00: 12 h + (1 May off) + 12 h
        assertThat(days.between(LocalDateTime.parse("2026-04-30T12:00"), LocalDateTime.parse("2026-05-04T12:00")))
                .isCloseTo(1.0, within(1e-9));
        // within one working day
        assertThat(days.between(LocalDateTime.parse("2026-12-01T09:00"), LocalDateTime.parse("2026-12-01T15:00")))
                .isCloseTo(0.25, within(1e-9));
        // a whole week: five days
        assertThat(days.between(LocalDateTime.parse("2026-11-30T00:00"), LocalDateTime.parse("2026-12-07T00:00")))
                .isCloseTo(5.0, within(1e-9));
        assertThat(days.between(LocalDateTime.parse("2026-12-02T00:00"), LocalDateTime.parse("2026-12-01T00:00")))
                .isZero();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(UsualDelays.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(UsualDelays.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }

    @Test
    void roundedDaysForTheCatalogue() {
        assertThat(new UsualDelays.UsualDelay("t", 9, 0.4).roundedDays()).contains(0L);
        assertThat(new UsualDelays.UsualDelay("t", 9, 1.4).roundedDays()).contains(1L);
        assertThat(new UsualDelays.UsualDelay("t", 9, 2.6).roundedDays()).contains(3L);
        assertThat(new UsualDelays.UsualDelay("t", 2, null).roundedDays()).isEmpty();
    }
}
