package fr.beta.guichet.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** Size of the metrics' time buckets: ISO weeks (starting on Monday) or calendar months. */
public enum Granularity {

    WEEK("week"),
    MONTH("month");

    private final String parameter;

    Granularity(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the page's {@code granularity} parameter. */
    public String parameter() {
        return parameter;
    }

    /** First day of the bucket holding {@code day}. */
    public LocalDate bucketStart(LocalDate day) {
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** First day of the bucket after the one starting on {@code bucketStart}. */
    public LocalDate next(LocalDate bucketStart) {
        return this == WEEK ? bucketStart.plusWeeks(1) : bucketStart.plusMonths(1);
    }

    public static Optional<Granularity> fromParameter(String value) {
        for (Granularity g : values()) {
            if (g.parameter.equals(value)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
