package fr.beta.guichet.calendar;

import java.time.DayOfWeek;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How SLA delays are counted ({@code guichet.sla.calendar}).
 *
 * @param mode        {@code working} (default): days are working days, hours working hours; {@code continuous}:
 *                    plain time, a day is 24 h
 * @param zone        time zone of the working hours ({@code Europe/Paris})
 * @param dayStart    start of a working day, {@code HH:mm} ({@code 09:00})
 * @param dayEnd      end of a working day, {@code HH:mm} ({@code 18:00})
 * @param workingDays the working days of the week (Monday to Friday)
 * @param holidays    jollyday's calendar of public holidays ({@code fr}); empty for none
 */
@ConfigurationProperties("guichet.sla.calendar")
public record SlaCalendarProperties(Mode mode, String zone, String dayStart, String dayEnd,
        Set<DayOfWeek> workingDays, String holidays) {

    public enum Mode {
        WORKING, CONTINUOUS
    }

    public SlaCalendarProperties {
        mode = mode == null ? Mode.WORKING : mode;
        zone = zone == null || zone.isBlank() ? "Europe/Paris" : zone;
        dayStart = dayStart == null || dayStart.isBlank() ? "09:00" : dayStart;
        dayEnd = dayEnd == null || dayEnd.isBlank() ? "18:00" : dayEnd;
        workingDays = workingDays == null || workingDays.isEmpty()
                ? Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                : Set.copyOf(workingDays);
        holidays = holidays == null ? "fr" : holidays.strip();
    }
}
