package fr.beta.guichet.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything the metrics page shows for a period.
 *
 * @param types   request types (process keys), sorted
 * @param buckets first days of the period's buckets
 * @param rows    one entry per type and bucket, zero-filled, ordered by bucket then type
 * @param totals  one entry per type for the whole period
 * @param claims  takes per type and admin, most first
 */
public record MetricsReport(MetricsPeriod period, List<String> types, List<LocalDate> buckets,
        List<RequestFigures> rows, List<RequestFigures> totals, List<ClaimCount> claims) {

    public Optional<RequestFigures> row(String type, LocalDate bucket) {
        return rows.stream().filter(r -> r.type().equals(type) && r.bucket().equals(bucket)).findFirst();
    }

    public Optional<RequestFigures> total(String type) {
        return totals.stream().filter(r -> r.type().equals(type)).findFirst();
    }

    /**
     * The types something happened to in the period (created, open, ended or taken): what the charts and their
     * tables show, one column per type. With a catalogue of some twenty types, a type nobody asked for would only
     * add an empty series and a column of zeros; the totals tables still list every type.
     */
    public List<String> activeTypes() {
        return types.stream().filter(t -> total(t).filter(RequestFigures::hasActivity).isPresent()).toList();
    }

    /**
     * One cell of a chart's table: requests created ({@code created}, 0 when none), or the median delay in hours
     * to take ({@code claim}) or to finish ({@code done}), « — » when nothing was taken or finished.
     */
    public String chartCell(String type, LocalDate bucket, String figure) {
        Optional<RequestFigures> row = row(type, bucket);
        return switch (figure) {
            case "created" -> String.valueOf(row.map(RequestFigures::created).orElse(0L));
            case "claim" -> row.map(RequestFigures::claimMedianText).orElse(NO_FIGURE);
            case "done" -> row.map(RequestFigures::doneMedianText).orElse(NO_FIGURE);
            default -> throw new IllegalArgumentException("no chart " + figure);
        };
    }

    private static final String NO_FIGURE = "—";

    /** Rows where something was created: what the page's detail table lists. */
    public List<RequestFigures> nonEmptyRows() {
        return rows.stream().filter(r -> r.created() > 0).toList();
    }
}
