package fr.beta.guichet.metrics;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The figures of one request type for the requests created in one bucket ({@code bucket} is its first day), or in
 * the whole period ({@code bucket} is {@code null}). Durations are {@code null} when nothing was measured. The
 * time to claim (first {@code claim} start → « Je prends ») and the time to done (submission → « fait ») are net of
 * the time the request waited for its requester ({@code answer-question}).
 *
 * @param claimed     requests taken (« Je prends ») by an admin
 * @param reminded    requests that got at least one 24 h reminder
 * @param escalated   requests escalated to the managers after 48 h
 * @param incidents   open incidents on these requests, now
 * @param waited      requests that waited at least once for their requester's answer
 * @param waitMedian  median of the time each of them waited (finished waits)
 */
public record RequestFigures(String type, LocalDate bucket, long created, long done, long rejected, long cancelled,
        long open, long claimed, Duration claimMedian, Duration claimP90, Duration doneMedian, Duration doneP90,
        long reminded, long escalated, long incidents, long waited, Duration waitMedian) {

    /** Whether anything happened to this type in this bucket or period. */
    public boolean hasActivity() {
        return created + done + rejected + cancelled + open + claimed > 0;
    }

    static RequestFigures empty(String type, LocalDate bucket) {
        return new RequestFigures(type, bucket, 0, 0, 0, 0, 0, 0, null, null, null, null, 0, 0, 0, 0, null);
    }

    RequestFigures withIncidents(long count) {
        return new RequestFigures(type, bucket, created, done, rejected, cancelled, open, claimed, claimMedian,
                claimP90, doneMedian, doneP90, reminded, escalated, count, waited, waitMedian);
    }

    /** Hours, for the page, the charts and the CSV; {@code null} stays {@code null}. */
    public static Double hours(Duration duration) {
        return duration == null ? null : duration.toMillis() / 3_600_000d;
    }

    public String claimMedianText() {
        return hoursText(claimMedian);
    }

    public String claimP90Text() {
        return hoursText(claimP90);
    }

    public String doneMedianText() {
        return hoursText(doneMedian);
    }

    public String doneP90Text() {
        return hoursText(doneP90);
    }

    public String waitMedianText() {
        return hoursText(waitMedian);
    }

    /** Hours with one decimal and a decimal comma, or a dash when nothing was measured. */
    public static String hoursText(Duration duration) {
        return duration == null ? "—" : String.format(java.util.Locale.FRANCE, "%.1f", hours(duration));
    }
}
