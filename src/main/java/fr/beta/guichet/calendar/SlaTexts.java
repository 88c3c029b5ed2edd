package fr.beta.guichet.calendar;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A configured SLA delay in French, as the calendar counts it: « 1 jour ouvré », « 2 jours ouvrés », « 48 h ». */
@Component
public class SlaTexts {

    private final SlaCalendar calendar;
    private final MessageSource messages;

    SlaTexts(SlaCalendar calendar, MessageSource messages) {
        this.calendar = calendar;
        this.messages = messages;
    }

    public String describe(Duration configured) {
        if (!calendar.isWorking()) {
            long hours = configured.toHours();
            return hours > 0 ? text("sla.continuous.hours", hours) : text("sla.continuous.minutes", configured.toMinutes());
        }
        SlaDelay delay = SlaDelay.of(configured);
        String days = delay.days() > 0 ? text("sla.working.days", delay.days()) : null;
        long minutes = delay.time().toMinutes();
        String time = minutes == 0 ? null
                : minutes % 60 == 0 ? text("sla.working.hours", minutes / 60) : text("sla.working.minutes", minutes);
        if (days != null && time != null) {
            return text("sla.working.daysAndTime", days, time);
        }
        return days != null ? days : time == null ? text("sla.working.hours", 0) : time;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, Locale.FRENCH);
    }
}
