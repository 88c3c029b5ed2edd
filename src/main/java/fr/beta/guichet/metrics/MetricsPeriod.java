package fr.beta.guichet.metrics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests the metrics look at: those <em>created</em> from {@code from} to {@code to} (both included, in the
 * server's time zone), grouped in buckets of {@code granularity}. Every figure of a bucket is about the requests
 * created in it (a cohort): how many of them are done, rejected, cancelled or still open today.
 */
public record MetricsPeriod(LocalDate from, LocalDate to, Granularity granularity) {

    /** Longest period a page may ask for: keeps the page and its queries bounded. */
    public static final long MAX_DAYS = 3 * 366;

    public MetricsPeriod {
        if (from.isAfter(to)) {
            throw new InvalidPeriodException("metrics.error.order");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new InvalidPeriodException("metrics.error.span");
        }
    }

    /** The default period: the last twelve weeks, week by week, ending today. */
    public static MetricsPeriod lastTwelveWeeks(LocalDate today) {
        return new MetricsPeriod(Granularity.WEEK.bucketStart(today).minusWeeks(11), today, Granularity.WEEK);
    }

    /**
     * Reads the page's parameters; blank ones take the default period's value.
     *
     * @throws InvalidPeriodException with the key of a French message
     */
    public static MetricsPeriod parse(String from, String to, String granularity, LocalDate today) {
        var defaults = lastTwelveWeeks(today);
        Granularity g = isBlank(granularity) ? Granularity.WEEK : Granularity.fromParameter(granularity.strip())
                .orElseThrow(() -> new InvalidPeriodException("metrics.error.granularity"));
        LocalDate end = isBlank(to) ? defaults.to() : date(to);
        LocalDate start = isBlank(from) ? (isBlank(to) ? defaults.from() : g.bucketStart(end).minusWeeks(11)) : date(from);
        return new MetricsPeriod(start, end, g);
    }

    /** The first days of the buckets covering the period, in order. */
    public List<LocalDate> buckets() {
        var buckets = new ArrayList<LocalDate>();
        for (LocalDate b = granularity.bucketStart(from); !b.isAfter(to); b = granularity.next(b)) {
            buckets.add(b);
        }
        return buckets;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidPeriodException("metrics.error.date");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A period the page cannot show; {@link #messageKey()} names the French explanation. */
    public static class InvalidPeriodException extends RuntimeException {

        private final String messageKey;

        InvalidPeriodException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }
}
