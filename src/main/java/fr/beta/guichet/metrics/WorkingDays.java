package fr.beta.guichet.metrics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Working days for the catalogue's « délai habituel »: Monday to Friday less the French national public holidays
 * (jollyday's calendar for France, no regional ones). The one place the metrics ask; meant to be pointed later at
 * the application's shared working-days calendar.
 */
@Component
public class WorkingDays {

    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FRANCE));
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !publicHolidays(day.getYear()).contains(day);
    }

    /**
     * The time from {@code from} to {@code to} that falls on working days, in days (24 h each): a request made on
     * Friday at 16:00 and done on Monday at 10:00 took 8 h + 10 h = 0.75 working day.
     */
    public double between(LocalDateTime from, LocalDateTime to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        double millis = 0;
        for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            LocalDateTime start = day.atStartOfDay().isAfter(from) ? day.atStartOfDay() : from;
            LocalDateTime end = day.plusDays(1).atStartOfDay().isBefore(to) ? day.plusDays(1).atStartOfDay() : to;
            millis += Duration.between(start, end).toMillis();
        }
        return millis / DAY_MILLIS;
    }

    private Set<LocalDate> publicHolidays(int year) {
        return byYear.computeIfAbsent(year, y -> holidays.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY).stream()
                .map(Holiday::getDate).collect(Collectors.toUnmodifiableSet()));
    }
}
