package fr.beta.guichet.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Date formatting for the templates, in Paris time: {@code ${@fmt.dateTime(instant)}}. */
@Component("fmt")
public class Formats {

    private final DateTimeFormatter dateTime;

    Formats(Clock clock) {
        this.dateTime = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRENCH).withZone(clock.getZone());
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }
}
