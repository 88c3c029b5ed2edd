package fr.beta.guichet.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.lifecycle.LifecycleElements;
import fr.beta.guichet.lifecycle.RequestTypes;
import fr.beta.guichet.lifecycle.RequestVariables;

/**
 * The metrics as SQL aggregates over Camunda's history tables: the database counts, groups and computes the
 * percentiles ({@code PERCENTILE_CONT … WITHIN GROUP}), so the cost does not grow with what the JVM holds, and a
 * page is a fixed number of queries whatever the history's size. Works on H2 and PostgreSQL: the only dialect
 * difference is the name of the ISO week in {@code DATE_TRUNC}.
 * <p>
 * The tables and columns read are the engine's documented history schema, the same in Operaton.
 */
@Component
public class MetricsQueries {

    private static final String CLAIM_TAKEN = """
            JOIN ACT_HI_ACTINST a ON a.PROC_INST_ID_ = p.ID_ AND a.ACT_ID_ = '%s' AND a.END_TIME_ IS NOT NULL
            JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = '%s' AND v.TEXT_ = '%s'
            """.formatted(LifecycleElements.CLAIM, RequestVariables.CLAIM_DECISION.name(), RequestVariables.TAKE);

    private final JdbcTemplate jdbc;
    private final RequestTypes types;
    private volatile Boolean h2;

    MetricsQueries(JdbcTemplate jdbc, RequestTypes types) {
        this.jdbc = jdbc;
        this.types = types;
    }

    /** All figures of the page for a period: nine aggregate queries. */
    public MetricsReport report(MetricsPeriod period) {
        List<String> keys = types.processKeys();
        List<LocalDate> buckets = period.buckets();
        Map<String, RequestFigures> rows = new LinkedHashMap<>();
        for (LocalDate bucket : buckets) {
            for (String type : keys) {
                rows.put(type + "|" + bucket, RequestFigures.empty(type, bucket));
            }
        }
        Map<String, RequestFigures> totals = new LinkedHashMap<>();
        keys.forEach(type -> totals.put(type + "|null", RequestFigures.empty(type, null)));
        fill(period, bucketOf(period.granularity(), "p.START_TIME_"), rows);
        fill(period, "CAST(NULL AS TIMESTAMP)", totals);
        return new MetricsReport(period, keys, buckets, List.copyOf(rows.values()), List.copyOf(totals.values()),
                claimsPerPerson(period));
    }

    /** Takes per type and admin among the requests created in the period, most first. */
    public List<ClaimCount> claimsPerPerson(MetricsPeriod period) {
        String sql = """
                SELECT p.PROC_DEF_KEY_ AS req_type, a.ASSIGNEE_ AS person, COUNT(*) AS claims
                FROM ACT_HI_PROCINST p
                %s
                WHERE %s AND a.ASSIGNEE_ IS NOT NULL
                GROUP BY p.PROC_DEF_KEY_, a.ASSIGNEE_
                ORDER BY claims DESC, req_type, person
                """.formatted(CLAIM_TAKEN, periodFilter());
        return jdbc.query(sql, (rs, i) -> new ClaimCount(rs.getString("req_type"), rs.getString("person"),
                rs.getLong("claims")), periodArguments(period));
    }

    private void fill(MetricsPeriod period, String bucket, Map<String, RequestFigures> target) {
        Object[] args = periodArguments(period);
        String outcomes = """
                SELECT req_type, bucket, COUNT(*) AS created,
                  SUM(CASE WHEN end_act = '%s' THEN 1 ELSE 0 END) AS done,
                  SUM(CASE WHEN end_act = '%s' THEN 1 ELSE 0 END) AS rejected,
                  SUM(CASE WHEN end_act = '%s' THEN 1 ELSE 0 END) AS cancelled,
                  SUM(CASE WHEN end_time IS NULL THEN 1 ELSE 0 END) AS open_count,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY done_ms) AS done_p50,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY done_ms) AS done_p90
                FROM (SELECT p.PROC_DEF_KEY_ AS req_type, %s AS bucket, p.END_ACT_ID_ AS end_act,
                        p.END_TIME_ AS end_time, CASE WHEN p.END_ACT_ID_ = '%s' THEN p.DURATION_ END AS done_ms
                      FROM ACT_HI_PROCINST p WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(LifecycleElements.DONE, LifecycleElements.REJECTED, LifecycleElements.CANCELLED,
                bucket, LifecycleElements.DONE, periodFilter());
        query(outcomes, args, target, (rs, f) -> new RequestFigures(f.type(), f.bucket(), rs.getLong("created"),
                rs.getLong("done"), rs.getLong("rejected"), rs.getLong("cancelled"), rs.getLong("open_count"),
                f.claimed(), f.claimMedian(), f.claimP90(), millis(rs, "done_p50"), millis(rs, "done_p90"),
                f.reminded(), f.escalated(), f.incidents()));

        String claims = """
                SELECT req_type, bucket, COUNT(*) AS claimed,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY claim_ms) AS claim_p50,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY claim_ms) AS claim_p90
                FROM (SELECT p.PROC_DEF_KEY_ AS req_type, %s AS bucket, a.DURATION_ AS claim_ms
                      FROM ACT_HI_PROCINST p
                      %s
                      WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(bucket, CLAIM_TAKEN, periodFilter());
        query(claims, args, target, (rs, f) -> new RequestFigures(f.type(), f.bucket(), f.created(), f.done(),
                f.rejected(), f.cancelled(), f.open(), rs.getLong("claimed"), millis(rs, "claim_p50"),
                millis(rs, "claim_p90"), f.doneMedian(), f.doneP90(), f.reminded(), f.escalated(), f.incidents()));

        String timers = """
                SELECT req_type, bucket,
                  COUNT(DISTINCT CASE WHEN act = '%s' THEN pid END) AS reminded,
                  COUNT(DISTINCT CASE WHEN act = '%s' THEN pid END) AS escalated
                FROM (SELECT p.PROC_DEF_KEY_ AS req_type, %s AS bucket, a.PROC_INST_ID_ AS pid, a.ACT_ID_ AS act
                      FROM ACT_HI_PROCINST p
                      JOIN ACT_HI_ACTINST a ON a.PROC_INST_ID_ = p.ID_ AND a.ACT_ID_ IN ('%1$s', '%2$s')
                      WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(LifecycleElements.REMINDER_TIMER, LifecycleElements.ESCALATION_TIMER, bucket,
                periodFilter());
        query(timers, args, target, (rs, f) -> new RequestFigures(f.type(), f.bucket(), f.created(), f.done(),
                f.rejected(), f.cancelled(), f.open(), f.claimed(), f.claimMedian(), f.claimP90(), f.doneMedian(),
                f.doneP90(), rs.getLong("reminded"), rs.getLong("escalated"), f.incidents()));

        String incidents = """
                SELECT req_type, bucket, COUNT(*) AS incidents
                FROM (SELECT p.PROC_DEF_KEY_ AS req_type, %s AS bucket
                      FROM ACT_HI_PROCINST p JOIN ACT_RU_INCIDENT i ON i.PROC_INST_ID_ = p.ID_
                      WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(bucket, periodFilter());
        query(incidents, args, target, (rs, f) -> new RequestFigures(f.type(), f.bucket(), f.created(), f.done(),
                f.rejected(), f.cancelled(), f.open(), f.claimed(), f.claimMedian(), f.claimP90(), f.doneMedian(),
                f.doneP90(), f.reminded(), f.escalated(), rs.getLong("incidents")));
    }

    private interface Merge {
        RequestFigures apply(ResultSet rs, RequestFigures current) throws SQLException;
    }

    private void query(String sql, Object[] args, Map<String, RequestFigures> target, Merge merge) {
        jdbc.query(sql, rs -> {
            Timestamp bucket = rs.getTimestamp("bucket");
            String key = rs.getString("req_type") + "|" + (bucket == null ? "null" : bucket.toLocalDateTime().toLocalDate());
            RequestFigures current = target.get(key);
            if (current != null) {
                target.put(key, merge.apply(rs, current));
            }
        }, args);
    }

    /** Open requests per type and current step (the user task it waits at, or {@code engine}), from the runtime. */
    public List<OpenCount> openRequests() {
        String sql = """
                SELECT req_type, state, COUNT(*) AS n
                FROM (SELECT d.KEY_ AS req_type, COALESCE(t.TASK_DEF_KEY_, 'engine') AS state
                      FROM ACT_RU_EXECUTION e
                      JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_
                      LEFT JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = e.ID_
                      WHERE e.PARENT_ID_ IS NULL AND e.ID_ = e.PROC_INST_ID_ AND d.KEY_ IN (%s)) x
                GROUP BY req_type, state
                """.formatted(placeholders());
        return jdbc.query(sql, (rs, i) -> new OpenCount(rs.getString("req_type"), rs.getString("state"),
                rs.getLong("n")), types.processKeys().toArray());
    }

    /** Requests per type waiting at {@code claim} since before {@code createdBefore}. */
    public Map<String, Long> unclaimedSince(java.time.Instant createdBefore) {
        String sql = """
                SELECT d.KEY_ AS req_type, COUNT(*) AS n
                FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_
                WHERE t.TASK_DEF_KEY_ = '%s' AND t.CREATE_TIME_ < ?
                GROUP BY d.KEY_
                """.formatted(LifecycleElements.CLAIM);
        return countsByType(sql, Timestamp.from(createdBefore));
    }

    /** Reminder or escalation timers fired per type over the whole history kept. */
    public Map<String, Long> timersFired(String boundaryEventId) {
        String sql = """
                SELECT PROC_DEF_KEY_ AS req_type, COUNT(*) AS n FROM ACT_HI_ACTINST
                WHERE ACT_ID_ = ? GROUP BY PROC_DEF_KEY_
                """;
        return countsByType(sql, boundaryEventId);
    }

    /** Open incidents per type. */
    public Map<String, Long> openIncidents() {
        String sql = """
                SELECT d.KEY_ AS req_type, COUNT(*) AS n
                FROM ACT_RU_INCIDENT i JOIN ACT_RE_PROCDEF d ON d.ID_ = i.PROC_DEF_ID_
                GROUP BY d.KEY_
                """;
        return countsByType(sql);
    }

    private Map<String, Long> countsByType(String sql, Object... args) {
        Map<String, Long> counts = new LinkedHashMap<>();
        types.processKeys().forEach(k -> counts.put(k, 0L));
        jdbc.query(sql, rs -> {
            if (counts.containsKey(rs.getString("req_type"))) {
                counts.put(rs.getString("req_type"), rs.getLong("n"));
            }
        }, args);
        return Collections.unmodifiableMap(counts);
    }

    /** One row of {@link #openRequests()}. */
    public record OpenCount(String type, String state, long count) {
    }

    private String periodFilter() {
        return "p.PROC_DEF_KEY_ IN (" + placeholders() + ") AND p.START_TIME_ >= ? AND p.START_TIME_ < ?";
    }

    private Object[] periodArguments(MetricsPeriod period) {
        List<Object> args = new ArrayList<>(types.processKeys());
        args.add(Timestamp.valueOf(period.from().atStartOfDay()));
        args.add(Timestamp.valueOf(period.to().plusDays(1).atStartOfDay()));
        return args.toArray();
    }

    private String placeholders() {
        return String.join(", ", Collections.nCopies(types.processKeys().size(), "?"));
    }

    /** {@code DATE_TRUNC} to the bucket; the unit comes from the enum, never from the request. */
    private String bucketOf(Granularity granularity, String column) {
        String unit = switch (granularity) {
            case MONTH -> "month";
            case WEEK -> isH2() ? "ISO_WEEK" : "week";
        };
        return "DATE_TRUNC('" + unit + "', " + column + ")";
    }

    private boolean isH2() {
        if (h2 == null) {
            h2 = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT).contains("h2"));
        }
        return h2;
    }

    private static Duration millis(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(value));
    }
}
