package fr.beta.guichet.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.variables.ClaimDecision;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * The metrics as SQL aggregates over one row per request: the reporting table {@code guichet_request_report}
 * (kept by {@link RequestReportHandler} in the engine's transactions; what the page reads), or the same rows
 * computed from Camunda's history tables ({@link RequestReportSource#HISTORY}, the former way, kept to backfill
 * and to check the table). The database counts, groups and computes the percentiles
 * ({@code PERCENTILE_CONT … WITHIN GROUP}), so a page is a fixed number of queries whatever the history's size.
 * Works on H2 and PostgreSQL ({@link MetricsDialect}).
 */
@Component
public class MetricsQueries {

    private static final String TAKEN = "r.claim_decision = '" + ClaimDecision.TAKE.value()
            + "' AND r.claim_ended_at IS NOT NULL";

    private final JdbcTemplate jdbc;
    private final RequestTypes types;
    private final MetricsDialect dialect;
    /** Where the page's report comes from: the table; the benchmark switches to the history to time the former way. */
    private volatile RequestReportSource pageSource = RequestReportSource.TABLE;

    MetricsQueries(JdbcTemplate jdbc, RequestTypes types, MetricsDialect dialect) {
        this.jdbc = jdbc;
        this.types = types;
        this.dialect = dialect;
    }

    /** All figures of the page for a period, from the reporting table: five aggregate queries. */
    public MetricsReport report(MetricsPeriod period) {
        return report(period, pageSource);
    }

    void pageSource(RequestReportSource source) {
        this.pageSource = source;
    }

    MetricsReport report(MetricsPeriod period, RequestReportSource source) {
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
        fill(period, source, dialect.bucketOf(period.granularity(), "r.created_at"), rows);
        fill(period, source, "CAST(NULL AS TIMESTAMP)", totals);
        return new MetricsReport(period, keys, buckets, List.copyOf(rows.values()), List.copyOf(totals.values()),
                claimsPerPerson(period, source));
    }

    /** Takes per type and admin among the requests created in the period, most first. */
    public List<ClaimCount> claimsPerPerson(MetricsPeriod period) {
        return claimsPerPerson(period, pageSource);
    }

    List<ClaimCount> claimsPerPerson(MetricsPeriod period, RequestReportSource source) {
        String sql = """
                SELECT r.req_type, r.claim_assignee AS person, COUNT(*) AS claims
                FROM %s r
                WHERE %s AND %s AND r.claim_assignee IS NOT NULL
                GROUP BY r.req_type, r.claim_assignee
                ORDER BY claims DESC, req_type, person
                """.formatted(source.rows(dialect), periodFilter(), TAKEN);
        return jdbc.query(sql, (rs, i) -> new ClaimCount(rs.getString("req_type"), rs.getString("person"),
                rs.getLong("claims")), periodArguments(period));
    }

    private void fill(MetricsPeriod period, RequestReportSource source, String bucket,
            Map<String, RequestFigures> target) {
        Object[] args = periodArguments(period);
        String figures = """
                SELECT req_type, bucket, COUNT(*) AS created,
                  SUM(CASE WHEN end_state = '%s' THEN 1 ELSE 0 END) AS done,
                  SUM(CASE WHEN end_state = '%s' THEN 1 ELSE 0 END) AS rejected,
                  SUM(CASE WHEN end_state = '%s' THEN 1 ELSE 0 END) AS cancelled,
                  SUM(CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END) AS open_count,
                  SUM(CASE WHEN claim_ms IS NOT NULL THEN 1 ELSE 0 END) AS claimed,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY claim_ms) AS claim_p50,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY claim_ms) AS claim_p90,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY done_ms) AS done_p50,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY done_ms) AS done_p90,
                  SUM(CASE WHEN reminders > 0 THEN 1 ELSE 0 END) AS reminded,
                  SUM(CASE WHEN escalations > 0 THEN 1 ELSE 0 END) AS escalated,
                  SUM(CASE WHEN waits > 0 THEN 1 ELSE 0 END) AS waited,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY wait_ms) AS wait_p50
                FROM (SELECT r.req_type, %s AS bucket, r.end_state, r.ended_at, r.reminders, r.escalations, r.waits,
                        CASE WHEN %s THEN r.claim_ms END AS claim_ms,
                        CASE WHEN r.end_state = '%s' THEN r.duration_ms - r.wait_ms END AS done_ms,
                        CASE WHEN r.wait_ms > 0 THEN r.wait_ms END AS wait_ms
                      FROM %s r WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(LifecycleElements.DONE, LifecycleElements.REJECTED, LifecycleElements.CANCELLED,
                bucket, TAKEN, LifecycleElements.DONE, source.rows(dialect), periodFilter());
        query(figures, args, target, (rs, f) -> new RequestFigures(f.type(), f.bucket(), rs.getLong("created"),
                rs.getLong("done"), rs.getLong("rejected"), rs.getLong("cancelled"), rs.getLong("open_count"),
                rs.getLong("claimed"), millis(rs, "claim_p50"), millis(rs, "claim_p90"), millis(rs, "done_p50"),
                millis(rs, "done_p90"), rs.getLong("reminded"), rs.getLong("escalated"), f.incidents(),
                rs.getLong("waited"), millis(rs, "wait_p50")));

        String incidents = """
                SELECT req_type, bucket, COUNT(*) AS incidents
                FROM (SELECT r.req_type, %s AS bucket
                      FROM ACT_RU_INCIDENT i JOIN %s r ON r.proc_inst_id = i.PROC_INST_ID_
                      WHERE %s) x
                GROUP BY req_type, bucket
                """.formatted(bucket, source.rows(dialect), periodFilter());
        query(incidents, args, target, (rs, f) -> f.withIncidents(rs.getLong("incidents")));
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

    /**
     * The page's key figures at {@code now}: open, overdue (unclaimed for longer than {@code reminderAfter}),
     * waiting for the requester, open incidents, and the median time to claim of the takes of the last 28 days
     * against the 28 days before.
     */
    public KeyFigures keyFigures(Instant now, Duration reminderAfter) {
        return keyFigures(now, reminderAfter, RequestReportSource.TABLE);
    }

    KeyFigures keyFigures(Instant now, Duration reminderAfter, RequestReportSource source) {
        long open = openRequests().stream().mapToLong(OpenCount::count).sum();
        long overdue = sum(unclaimedSince(now.minus(reminderAfter)));
        long waiting = sum(waitingForRequester());
        long incidents = sum(openIncidents());
        Instant fourWeeksAgo = now.minus(Duration.ofDays(28));
        String sql = """
                SELECT COUNT(*) AS n, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.claim_ms) AS p50
                FROM %s r WHERE r.req_type IN (%s) AND %s AND r.claim_ended_at >= ? AND r.claim_ended_at < ?
                """.formatted(source.rows(dialect), placeholders(), TAKEN);
        Object[] last = claimWindow(fourWeeksAgo, now);
        Object[] previous = claimWindow(fourWeeksAgo.minus(Duration.ofDays(28)), fourWeeksAgo);
        var lastMedian = jdbc.queryForObject(sql, (rs, i) -> new Object[] { rs.getLong("n"), millis(rs, "p50") }, last);
        var previousMedian = jdbc.queryForObject(sql, (rs, i) -> new Object[] { rs.getLong("n"), millis(rs, "p50") },
                previous);
        return new KeyFigures(now, open, overdue, waiting, incidents, (Duration) lastMedian[1], (Long) lastMedian[0],
                (Duration) previousMedian[1], (Long) previousMedian[0]);
    }

    private Object[] claimWindow(Instant from, Instant to) {
        List<Object> args = new ArrayList<>(types.processKeys());
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        return args.toArray();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests per type waiting now for their requester's answer (at the user task {@code answer-question}). */
    public Map<String, Long> waitingForRequester() {
        String sql = """
                SELECT d.KEY_ AS req_type, COUNT(*) AS n
                FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_
                WHERE t.TASK_DEF_KEY_ = '%s'
                GROUP BY d.KEY_
                """.formatted(MetricsElements.ANSWER_QUESTION);
        return countsByType(sql);
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
        return "r.req_type IN (" + placeholders() + ") AND r.created_at >= ? AND r.created_at < ?";
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

    private static Duration millis(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(value));
    }
}
