package fr.beta.guichet.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

import fr.beta.guichet.calendar.SlaCalendarProperties.Mode;

/**
 * Adds SLA delays to instants. In {@code working} mode time only runs on working days between {@code dayStart} and
 * {@code dayEnd}: a day of delay is one working day ({@code dayEnd − dayStart}, 9 h), so a request filed on Friday
 * at 17:00 is one working day old on Monday at 17:00, and an instant outside working hours counts from the next
 * opening. Public holidays come from jollyday ({@code fr}: Easter Monday, Ascension, Whit Monday…), read once a
 * year. In {@code continuous} mode a day is 24 h.
 */
@Component
public class SlaCalendar {

    /** Far more working days than any delay needs: a guard against a calendar without working days. */
    private static final int MAX_DAYS = 3660;

    private final Mode mode;
    private final ZoneId zone;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final Set<DayOfWeek> workingDays;
    private final HolidayManager holidayManager;
    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    public SlaCalendar(SlaCalendarProperties properties) {
        this.mode = properties.mode();
        this.zone = ZoneId.of(properties.zone());
        this.dayStart = LocalTime.parse(properties.dayStart());
        this.dayEnd = LocalTime.parse(properties.dayEnd());
        if (!dayEnd.isAfter(dayStart)) {
            throw new IllegalArgumentException("guichet.sla.calendar: day-end must be after day-start");
        }
        this.workingDays = properties.workingDays();
        this.holidayManager = properties.holidays().isEmpty() ? null
                : HolidayManager.getInstance(ManagerParameters.create(properties.holidays()));
    }

    public Mode mode() {
        return mode;
    }

    public boolean isWorking() {
        return mode == Mode.WORKING;
    }

    /** Length of one working day (9 h by default). */
    public Duration workingDay() {
        return Duration.between(dayStart, dayEnd);
    }

    /** When {@code delay} has passed since {@code start}. */
    public Instant add(Instant start, SlaDelay delay) {
        if (!isWorking()) {
            return start.plus(Duration.ofDays(delay.days())).plus(delay.time());
        }
        return addWorkingTime(start, workingDay().multipliedBy(delay.days()).plus(delay.time()));
    }

    public Instant add(Instant start, Duration configured) {
        return add(start, SlaDelay.of(configured));
    }

    /** Whether people work on that day: a working day of the week and not a public holiday. */
    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays(day.getYear()).contains(day);
    }

    private Instant addWorkingTime(Instant start, Duration amount) {
        if (amount.isZero()) {
            return start;
        }
        ZonedDateTime t = start.atZone(zone);
        Duration remaining = amount;
        for (int i = 0; i < MAX_DAYS; i++) {
            t = openingAtOrAfter(t);
            ZonedDateTime closing = t.toLocalDate().atTime(dayEnd).atZone(zone);
            Duration left = Duration.between(t, closing);
            if (remaining.compareTo(left) <= 0) {
                return t.plus(remaining).toInstant();
            }
            remaining = remaining.minus(left);
            t = closing;
        }
        throw new IllegalStateException("No working day within " + MAX_DAYS + " days: check guichet.sla.calendar");
    }

    /** {@code t} itself during working hours, else the next opening of a working day. */
    private ZonedDateTime openingAtOrAfter(ZonedDateTime t) {
        LocalDate day = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        if (isWorkingDay(day) && !time.isBefore(dayStart) && time.isBefore(dayEnd)) {
            return t;
        }
        if (!isWorkingDay(day) || !time.isBefore(dayEnd)) {
            day = day.plusDays(1);
            for (int i = 0; i < MAX_DAYS && !isWorkingDay(day); i++) {
                day = day.plusDays(1);
            }
        }
        return day.atTime(dayStart).atZone(zone);
    }

    private Set<LocalDate> holidays(int year) {
        if (holidayManager == null) {
            return Set.of();
        }
        return holidaysByYear.computeIfAbsent(year, y -> holidayManager.getHolidays(Year.of(y)).stream()
                .map(Holiday::getDate).collect(Collectors.toUnmodifiableSet()));
    }
}
