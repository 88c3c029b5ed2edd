package fr.beta.guichet.calendar;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delay counted by the SLA calendar, as timer expressions write it: {@code sla:P1D} (one working day),
 * {@code sla:PT3H} (three working hours), {@code sla:P2DT4H}. A configured {@link Duration} becomes one by counting
 * each whole 24 h as a day, so {@code PT24H} is one working day in {@code working} mode and 24 h in
 * {@code continuous} mode, and {@code PT2H} two working hours or two hours.
 *
 * @param days    whole days (working days, or 24 h in continuous mode)
 * @param time    the rest, under a day (working time, or plain time)
 */
public record SlaDelay(long days, Duration time) {

    public static final String PREFIX = "sla:";
    private static final Pattern FORM = Pattern.compile("P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    public SlaDelay {
        if (days < 0 || time == null || time.isNegative()) {
            throw new IllegalArgumentException("A delay is positive");
        }
    }

    /** {@code PT24H} → 1 day, {@code PT30H} → 1 day and 6 h, {@code PT2H} → 2 h. */
    public static SlaDelay of(Duration duration) {
        long days = duration.toDays();
        return new SlaDelay(days, duration.minusDays(days));
    }

    /** Whether a timer expression's value is an SLA delay ({@code sla:…}). */
    public static boolean isSla(String description) {
        return description != null && description.startsWith(PREFIX);
    }

    /** Reads {@code sla:P1DT2H} (the prefix is optional here). */
    public static SlaDelay parse(String text) {
        String iso = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        Matcher m = FORM.matcher(iso);
        if (!m.matches() || iso.equals("P") || iso.endsWith("T")) {
            throw new IllegalArgumentException("Not an SLA delay: " + text);
        }
        Duration time = Duration.ofHours(number(m.group(2))).plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4)));
        return new SlaDelay(number(m.group(1)), time);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /** The expression's value: {@code sla:P1D}, {@code sla:PT2H}, {@code sla:P1DT6H}. */
    public String expression() {
        return PREFIX + iso();
    }

    public String iso() {
        StringBuilder s = new StringBuilder("P");
        if (days > 0) {
            s.append(days).append('D');
        }
        if (!time.isZero() || days == 0) {
            s.append('T');
            if (time.toHours() > 0) {
                s.append(time.toHours()).append('H');
            }
            if (time.toMinutesPart() > 0) {
                s.append(time.toMinutesPart()).append('M');
            }
            if (time.toSecondsPart() > 0 || time.isZero()) {
                s.append(time.toSecondsPart()).append('S');
            }
        }
        return s.toString();
    }
}
