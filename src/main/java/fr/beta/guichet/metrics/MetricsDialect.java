package fr.beta.guichet.metrics;

import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The few SQL spellings that differ between H2 (default profile, tests) and PostgreSQL (production): the ISO week
 * in {@code DATE_TRUNC} and the milliseconds between two timestamps. Detected once from the connection.
 */
@Component
class MetricsDialect {

    private final JdbcTemplate jdbc;
    private volatile Boolean h2;

    MetricsDialect(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean isH2() {
        if (h2 == null) {
            h2 = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(Locale.ROOT).contains("h2"));
        }
        return h2;
    }

    /** {@code DATE_TRUNC} to the bucket; the unit comes from the enum, never from the request. */
    String bucketOf(Granularity granularity, String column) {
        String unit = switch (granularity) {
            case MONTH -> "month";
            case WEEK -> isH2() ? "ISO_WEEK" : "week";
        };
        return "DATE_TRUNC('" + unit + "', " + column + ")";
    }

    /**
     * Whole milliseconds from {@code from} to {@code to} (SQL expressions of type TIMESTAMP; {@code ?} allowed).
     * Both are the engine's local timestamps, so an interval across a daylight-saving change is off by its hour.
     */
    String millisBetween(String from, String to) {
        return isH2() ? "DATEDIFF('MILLISECOND', " + from + ", CAST(" + to + " AS TIMESTAMP))"
                : "CAST(ROUND(EXTRACT(EPOCH FROM (CAST(" + to + " AS TIMESTAMP) - " + from + ")) * 1000) AS BIGINT)";
    }
}
