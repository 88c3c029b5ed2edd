package fr.beta.guichet.metrics;

import java.util.Locale;

/**
 * The page's figures as CSV for a spreadsheet in French: {@code ;} between fields, decimal comma, UTF-8 with a
 * byte-order mark (so that Excel reads the accents), durations in hours (net of the waits for the requester).
 */
final class MetricsCsv {

    private static final String BOM = "\uFEFF";

    private MetricsCsv() {
    }

    static String figures(MetricsReport report, java.util.function.UnaryOperator<String> typeName) {
        var out = new StringBuilder(BOM).append(String.join(";", "type", "debut_periode", "creees", "traitees",
                "rejetees", "annulees", "ouvertes", "prises_en_charge", "delai_prise_en_charge_median_h",
                "delai_prise_en_charge_p90_h", "delai_traitement_median_h", "delai_traitement_p90_h",
                "relancees_24h", "escaladees_48h", "incidents_ouverts", "attente_demandeur",
                "attente_demandeur_mediane_h")).append("\r\n");
        for (RequestFigures r : report.rows()) {
            out.append(String.join(";", typeName.apply(r.type()), r.bucket().toString(), n(r.created()), n(r.done()),
                    n(r.rejected()), n(r.cancelled()), n(r.open()), n(r.claimed()),
                    h(RequestFigures.hours(r.claimMedian())), h(RequestFigures.hours(r.claimP90())),
                    h(RequestFigures.hours(r.doneMedian())), h(RequestFigures.hours(r.doneP90())),
                    n(r.reminded()), n(r.escalated()), n(r.incidents()), n(r.waited()),
                    h(RequestFigures.hours(r.waitMedian())))).append("\r\n");
        }
        return out.toString();
    }

    static String claims(MetricsReport report, java.util.function.UnaryOperator<String> typeName) {
        var out = new StringBuilder(BOM).append("type;personne;prises_en_charge\r\n");
        for (ClaimCount c : report.claims()) {
            out.append(typeName.apply(c.type())).append(';').append(c.person()).append(';').append(c.claims()).append("\r\n");
        }
        return out.toString();
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private static String h(Double hours) {
        return hours == null ? "" : String.format(Locale.FRANCE, "%.2f", hours);
    }
}
