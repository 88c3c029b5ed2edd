package fr.beta.guichet.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * What a manager looks at first, now, over every request type: the requests open, those unclaimed for longer than
 * the reminder delay, those waiting for their requester's answer, the open incidents, and the median time to
 * claim (net of waiting for the requester) of the takes of the last four weeks against the four weeks before.
 */
public record KeyFigures(Instant at, long open, long overdue, long waitingRequester, long incidents,
        Duration claimMedianLast4Weeks, long claimsLast4Weeks, Duration claimMedianPrevious4Weeks,
        long claimsPrevious4Weeks) {

    public String claimMedianLast4WeeksText() {
        return RequestFigures.hoursText(claimMedianLast4Weeks);
    }

    public String claimMedianPrevious4WeeksText() {
        return RequestFigures.hoursText(claimMedianPrevious4Weeks);
    }

    /** {@code faster}, {@code slower}, {@code same} or {@code none} (one of the two medians is missing). */
    public String claimTrend() {
        if (claimMedianLast4Weeks == null || claimMedianPrevious4Weeks == null) {
            return "none";
        }
        int c = claimMedianLast4Weeks.compareTo(claimMedianPrevious4Weeks);
        return c < 0 ? "faster" : c > 0 ? "slower" : "same";
    }
}
