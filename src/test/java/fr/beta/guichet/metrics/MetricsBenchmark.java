package fr.beta.guichet.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.support.Browser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Benchmark, not a test: fills an embedded PostgreSQL with 100,000 finished and open requests shaped like the
 * engine writes them (one {@code ACT_HI_PROCINST} row, the activity instances of the lifecycle in
 * {@code ACT_HI_ACTINST}, the routing variables in {@code ACT_HI_VARINST}), with batched inserts after the engine
 * created its schema (one request in eight also waits for its requester at {@code answer-question}, between two
 * {@code claim} tasks), backfills the reporting table from that history (timed: what the first start after an
 * upgrade does), then times the « Métriques » page <em>over HTTP</em> (logged in as a manager: security,
 * controller, the SQL and the Thymeleaf rendering) for three periods in the same run, on the same data: first
 * <em>before</em> (the page computes from the history tables, with the metrics indexes: the former way, now with
 * the figures net of the waits), then <em>after</em> (the page reads {@code guichet_request_report}).
 * Writes {@code bench/results/metrics.json} and {@code .md}.
 * <p>
 * {@code mvn test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=fr.beta.guichet.metrics.MetricsBenchmark}
 */
public final class MetricsBenchmark {

    private static final int REQUESTS = Integer.getInteger("bench.requests", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 10);
    private static final String[] TYPES = { "request-subdomain", "request-mailbox", "request-matomo",
            "request-dockerhub" };
    private static final String[][] HOLDERS = { { "florian", "julien", "guillett", "hussardnum" },
            { "florian", "julien", "guillett", "hussardnum" }, { "florian", "julien" }, { "florian", "jerome",
                    "totakoko" } };
    private static final long HOUR = 3_600_000L;

    private MetricsBenchmark() {
    }

    /** The machine's load average when the run started, to say in the results how quiet it was. */
    private static final String LOAD_AT_START = loadAverage();

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            ConfigurableApplicationContext app = new SpringApplicationBuilder(GuichetApplication.class)
                    .profiles("it")
                    // command-line arguments: they win over application.yaml
                    .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                            "--spring.datasource.password=", "--server.port=0",
                            "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=warn");
            try {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                LocalDate today = LocalDate.now();
                long fillStart = System.nanoTime();
                fill(jdbc, today);
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                for (String index : MetricsIndexes.STATEMENTS) {
                    jdbc.execute(index);
                }
                jdbc.execute("TRUNCATE " + RequestReportHandler.TABLE);
                jdbc.execute("ANALYZE");
                long backfillStart = System.nanoTime();
                int backfilled = app.getBean(RequestReportPlugin.class).backfill().run();
                double backfillSeconds = (System.nanoTime() - backfillStart) / 1e9;
                jdbc.execute("ANALYZE");
                int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
                Browser manon = new Browser(port).login("manon", "demo");

                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("default (last 12 weeks, by week)", "/metriques");
                pages.put("last 365 days, by month", "/metriques?granularity=month&from=" + today.minusDays(365)
                        + "&to=" + today);
                pages.put("whole history (2 years), by week", "/metriques?granularity=week&from="
                        + today.minusYears(2) + "&to=" + today);

                MetricsQueries queries = app.getBean(MetricsQueries.class);
                queries.pageSource(RequestReportSource.HISTORY);
                Map<String, Map<String, Object>> before = timeAll(manon, pages);
                queries.pageSource(RequestReportSource.TABLE);
                Map<String, Map<String, Object>> after = timeAll(manon, pages);
                long rows = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_ACTINST", Long.class);
                long vars = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST", Long.class);
                write(fillSeconds, rows, vars, backfilled, backfillSeconds, before, after);
            } finally {
                app.close();
            }
        }
    }

    /** Batched inserts of {@link #REQUESTS} requests spread over the last two years. */
    private static void fill(JdbcTemplate jdbc, LocalDate today) {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String type : TYPES) {
            definitions.put(type, jdbc.queryForObject(
                    "SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = ? ORDER BY VERSION_ DESC LIMIT 1", String.class, type));
        }
        LocalDateTime end = today.atTime(12, 0);
        long span = 2L * 365 * 24 * HOUR;
        Random random = new Random(42);
        jdbc.execute((java.sql.Connection c) -> {
            c.setAutoCommit(false);
            try (var pi = c.prepareStatement("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_,"
                    + " PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_, DURATION_, START_USER_ID_, START_ACT_ID_,"
                    + " END_ACT_ID_, ROOT_PROC_INST_ID_, STATE_) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    var ai = c.prepareStatement("INSERT INTO ACT_HI_ACTINST (ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_,"
                            + " PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_NAME_,"
                            + " ACT_TYPE_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_,"
                            + " SEQUENCE_COUNTER_) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    var vi = c.prepareStatement("INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                            + " ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_,"
                            + " CREATE_TIME_, REV_, TEXT_, STATE_) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int n = 0; n < REQUESTS; n++) {
                    int t = n % TYPES.length;
                    String type = TYPES[t];
                    String def = definitions.get(type);
                    String id = UUID.randomUUID().toString();
                    long start = Timestamp.valueOf(end).getTime() - (long) (random.nextDouble() * span);
                    long claimAfter = (long) (HOUR / 2 + random.nextDouble() * random.nextDouble() * 60 * HOUR);
                    double fate = random.nextDouble();
                    boolean recent = Timestamp.valueOf(end).getTime() - start < 7 * 24 * HOUR;
                    String outcome = recent && fate < 0.3 ? null
                            : fate < 0.82 ? "done" : fate < 0.92 ? "rejected" : "cancelled";
                    String who = HOLDERS[t][random.nextInt(HOLDERS[t].length)];
                    var acts = new ActivityWriter(ai, type, def, id);
                    acts.add("StartEvent_RequestSubmitted", "startEvent", null, start, start);
                    acts.add("validate", "serviceTask", null, start, start + 2_000);
                    acts.add("announce", "serviceTask", null, start + 2_000, start + 3_000);
                    long claimStart = start + 3_000;
                    if (outcome != null && random.nextInt(8) == 0) {
                        // an admin asks the requester a question, who answers; the request comes back to claim
                        long asked = claimStart + (long) (random.nextDouble() * 4 * HOUR);
                        long answered = asked + (long) (HOUR / 4 + random.nextDouble() * 30 * HOUR);
                        acts.add("claim", "userTask", who, claimStart, asked);
                        acts.add("answer-question", "userTask", "alice", asked, answered);
                        claimStart = answered;
                    }
                    long claimEnd;
                    Long endTime;
                    String endAct;
                    if (outcome == null) {
                        claimEnd = -1;
                        endTime = null;
                        endAct = null;
                        acts.add("claim", "userTask", null, claimStart, null);
                    } else if (outcome.equals("cancelled")) {
                        claimEnd = claimStart + claimAfter;
                        acts.add("claim", "userTask", null, claimStart, claimEnd);
                        acts.add("ServiceTask_NotifyCancelled", "serviceTask", null, claimEnd, claimEnd + 500);
                        endTime = claimEnd + 500;
                        endAct = "cancelled";
                    } else {
                        claimEnd = claimStart + claimAfter;
                        acts.add("claim", "userTask", who, claimStart, claimEnd);
                        variable(vi, type, def, id, "claimDecision", outcome.equals("done") ? "take" : "reject",
                                claimEnd);
                        if (outcome.equals("done")) {
                            variable(vi, type, def, id, "executor", who, claimEnd);
                            long executed = claimEnd + 60_000;
                            acts.add("ServiceTask_NotifyClaimed", "serviceTask", null, claimEnd, claimEnd + 500);
                            acts.add("execute", "serviceTask", null, claimEnd + 1_000, executed);
                            long confirmed = executed + (long) (random.nextDouble() * 8 * HOUR);
                            acts.add("confirm", "userTask", who, executed, confirmed);
                            acts.add("ServiceTask_NotifyDone", "serviceTask", null, confirmed, confirmed + 500);
                            endTime = confirmed + 1_000;
                            endAct = "done";
                        } else {
                            acts.add("ServiceTask_NotifyRejected", "serviceTask", null, claimEnd, claimEnd + 500);
                            endTime = claimEnd + 1_000;
                            endAct = "rejected";
                        }
                        acts.add(endAct, "noneEndEvent", null, endTime, endTime);
                    }
                    long waited = (claimEnd < 0 ? Timestamp.valueOf(end).getTime() : claimEnd) - claimStart;
                    for (long r = 24 * HOUR; r <= waited; r += 24 * HOUR) {
                        acts.add("BoundaryEvent_ReminderDue", "boundaryTimer", null, claimStart + r, claimStart + r);
                        acts.add("ServiceTask_RemindHolders", "serviceTask", null, claimStart + r, claimStart + r + 500);
                        if (r >= 5 * 24 * HOUR) {
                            break;
                        }
                    }
                    if (waited >= 48 * HOUR) {
                        acts.add("BoundaryEvent_EscalationDue", "boundaryTimer", null, claimStart + 48 * HOUR,
                                claimStart + 48 * HOUR);
                        acts.add("ServiceTask_EscalateToManagers", "serviceTask", null, claimStart + 48 * HOUR,
                                claimStart + 48 * HOUR + 500);
                    }
                    variable(vi, type, def, id, "requester", "alice", start);
                    variable(vi, type, def, id, "mattermostPostId", Long.toHexString(random.nextLong()), start);
                    pi.setString(1, id);
                    pi.setString(2, id);
                    pi.setString(3, "REF-" + n);
                    pi.setString(4, type);
                    pi.setString(5, def);
                    pi.setTimestamp(6, new Timestamp(start));
                    pi.setTimestamp(7, endTime == null ? null : new Timestamp(endTime));
                    if (endTime == null) {
                        pi.setNull(8, java.sql.Types.BIGINT);
                    } else {
                        pi.setLong(8, endTime - start);
                    }
                    pi.setString(9, "alice");
                    pi.setString(10, "StartEvent_RequestSubmitted");
                    pi.setString(11, endAct);
                    pi.setString(12, id);
                    pi.setString(13, endTime == null ? "ACTIVE" : "COMPLETED");
                    pi.addBatch();
                    if (n % 1_000 == 999) {
                        pi.executeBatch();
                        ai.executeBatch();
                        vi.executeBatch();
                        c.commit();
                    }
                }
                pi.executeBatch();
                ai.executeBatch();
                vi.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    private static void variable(PreparedStatement vi, String type, String def, String pid, String name, String text,
            long created) throws SQLException {
        vi.setString(1, UUID.randomUUID().toString());
        vi.setString(2, type);
        vi.setString(3, def);
        vi.setString(4, pid);
        vi.setString(5, pid);
        vi.setString(6, pid);
        vi.setString(7, pid);
        vi.setString(8, name);
        vi.setString(9, "string");
        vi.setTimestamp(10, new Timestamp(created));
        vi.setInt(11, 1);
        vi.setString(12, text);
        vi.setString(13, "CREATED");
        vi.addBatch();
    }

    /** Activity instances of one request, as {@code HistoricActivityInstanceEntity} rows. */
    private static final class ActivityWriter {
        private final PreparedStatement ai;
        private final String type;
        private final String def;
        private final String pid;
        private int sequence;

        ActivityWriter(PreparedStatement ai, String type, String def, String pid) {
            this.ai = ai;
            this.type = type;
            this.def = def;
            this.pid = pid;
        }

        void add(String actId, String actType, String assignee, long start, Long end) throws SQLException {
            ai.setString(1, UUID.randomUUID().toString());
            ai.setString(2, pid);
            ai.setString(3, type);
            ai.setString(4, def);
            ai.setString(5, pid);
            ai.setString(6, pid);
            ai.setString(7, pid);
            ai.setString(8, actId);
            ai.setString(9, actId);
            ai.setString(10, actType);
            ai.setString(11, assignee);
            ai.setTimestamp(12, new Timestamp(start));
            ai.setTimestamp(13, end == null ? null : new Timestamp(end));
            if (end == null) {
                ai.setNull(14, java.sql.Types.BIGINT);
            } else {
                ai.setLong(14, end - start);
            }
            ai.setInt(15, end == null ? 0 : 4);
            ai.setLong(16, ++sequence);
            ai.addBatch();
        }
    }

    private static Map<String, Map<String, Object>> timeAll(Browser manon, Map<String, String> pages) {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        pages.forEach((name, path) -> results.put(name, time(manon, path)));
        return results;
    }

    private static Map<String, Object> time(Browser manon, String path) {
        for (int i = 0; i < 2; i++) {
            manon.page(path);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            manon.page(path);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        millis.sort(Double::compare);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", path);
        r.put("runs", RUNS);
        r.put("medianMs", round(millis.get(millis.size() / 2)));
        r.put("p90Ms", round(millis.get((int) Math.ceil(millis.size() * 0.9) - 1)));
        r.put("maxMs", round(millis.get(millis.size() - 1)));
        return r;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void write(double fillSeconds, long activityRows, long variableRows, int backfilled,
            double backfillSeconds, Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after)
            throws IOException {
        Path dir = Path.of("bench", "results");
        Files.createDirectories(dir);
        var json = new StringBuilder("{\n");
        json.append("  \"requests\": ").append(REQUESTS).append(",\n");
        json.append("  \"activityInstanceRows\": ").append(activityRows).append(",\n");
        json.append("  \"variableRows\": ").append(variableRows).append(",\n");
        json.append("  \"fillSeconds\": ").append(round(fillSeconds)).append(",\n");
        json.append("  \"reportRowsBackfilled\": ").append(backfilled).append(",\n");
        json.append("  \"backfillSeconds\": ").append(round(backfillSeconds)).append(",\n");
        json.append("  \"measured\": \"GET over HTTP, logged in as a manager, embedded PostgreSQL, ").append(RUNS)
                .append(" runs after 2 warm-up runs\",\n");
        json.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        json.append("  \"cpus\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        appendJson(json, "beforeHistoryQueries", before);
        json.append(",\n");
        appendJson(json, "afterReportingTable", after);
        json.append("\n}\n");
        Files.writeString(dir.resolve("metrics.json"), json);

        var md = new StringBuilder("# Metrics page benchmark\n\n");
        md.append(REQUESTS).append(" historic requests (").append(activityRows).append(" activity instances, ")
                .append(variableRows).append(" variables; one in eight waited for its requester) in embedded")
                .append(" PostgreSQL, filled in ").append(round(fillSeconds)).append(" s; reporting table backfilled")
                .append(" from that history (").append(backfilled).append(" rows) in ").append(round(backfillSeconds))
                .append(" s. `GET` over HTTP as a manager, ").append(RUNS).append(" runs after 2 warm-up runs; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(". Before and after in the same run, on the same")
                .append(" data, one after the other (load average ").append(LOAD_AT_START).append(" at the start, ")
                .append(loadAverage()).append(" at the end; what else ran: ")
                .append(System.getProperty("bench.note", "not said")).append("). Before: the report (figures per type and bucket, totals, takes per")
                .append(" person) computed from the history tables as before this change, now with the figures net of")
                .append(" the waits; after: read from `guichet_request_report`. The key figures (new) come from the")
                .append(" table in both.\n\n");
        md.append("| page | before, history queries: median / p90 / max (ms) | after, reporting table: median / p90 / max (ms) |\n");
        md.append("|---|---|---|\n");
        before.forEach((name, b) -> {
            var a = after.get(name);
            md.append("| ").append(name).append(" | ").append(b.get("medianMs")).append(" / ").append(b.get("p90Ms"))
                    .append(" / ").append(b.get("maxMs")).append(" | ").append(a.get("medianMs")).append(" / ")
                    .append(a.get("p90Ms")).append(" / ").append(a.get("maxMs")).append(" |\n");
        });
        Files.writeString(dir.resolve("metrics.md"), md);
        System.out.println(md);
    }

    private static void appendJson(StringBuilder json, String name, Map<String, Map<String, Object>> results) {
        json.append("  \"").append(name).append("\": {");
        int i = 0;
        for (var e : results.entrySet()) {
            json.append(i++ == 0 ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": {");
            int j = 0;
            for (var f : e.getValue().entrySet()) {
                json.append(j++ == 0 ? "" : ", ").append('"').append(f.getKey()).append("\": ");
                json.append(f.getValue() instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : f.getValue());
            }
            json.append('}');
        }
        json.append("\n  }");
    }

    /** The 1, 5 and 15 minute load averages of the machine ({@code /proc/loadavg}), or « unknown ». */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
