package fr.beta.guichet.bench;

import java.util.List;
import java.util.Map;

/** The Markdown table of one benchmark run, figures next to the targets of issue 7. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark `").append(results.get("label")).append("` — ").append(results.get("date"))
                .append("\n\n");
        Map<String, Object> machine = (Map<String, Object>) results.getOrDefault("machine", Map.of());
        md.append("| Machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nApplication arguments: `").append(results.getOrDefault("appArguments", "")).append("`\n");

        Map<String, Object> pgbench = (Map<String, Object>) results.get("pgbench");
        if (pgbench != null) {
            md.append("\n## pgbench simple-update (reference)\n\n| clients | TPS | latency avg (ms) |\n|---:|---:|---:|\n");
            for (Map<String, Object> level : (List<Map<String, Object>>) pgbench.get("levels")) {
                md.append("| ").append(level.get("clients")).append(" | ").append(level.get("tps")).append(" | ")
                        .append(level.get("latencyAverageMs")).append(" |\n");
            }
        }
        List<Map<String, Object>> start = (List<Map<String, Object>>) results.get("start");
        if (start != null) {
            md.append("\n## Start form (subdomain) over HTTP\n\n")
                    .append("| users | req/s | % of pgbench TPS | p50 ms | p95 ms | p99 ms | max ms | errors |"
                            + " job backlog | drained in s | CPU busy | JVM CPU ms/req | other CPU ms/req |\n"
                            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> level : start) {
                Map<String, Object> backlog = (Map<String, Object>) level.get("backlog");
                md.append("| ").append(level.get("users")).append(" | ").append(level.get("requestsPerSecond"))
                        .append(" | ").append(ratio(pgbench, level)).append(" | ").append(level.get("p50Ms"))
                        .append(" | ").append(level.get("p95Ms")).append(" | ").append(level.get("p99Ms"))
                        .append(" | ").append(level.get("maxMs")).append(" | ").append(level.get("errors"))
                        .append(" | ").append(backlog.get("jobsAtEnd")).append(" | ")
                        .append(backlog.get("secondsToDrain")).append(" | ").append(cpu(level, "machineBusyPercent"))
                        .append(" % | ").append(cpu(level, "jvmCpuMsPerUnit")).append(" | ")
                        .append(cpu(level, "otherCpuMsPerUnit")).append(" |\n");
            }
        }
        Map<String, Object> fill = (Map<String, Object>) results.get("fill");
        if (fill != null) {
            md.append("\nOpen requests filled to ").append(fill.get("openAfter")).append(" (")
                    .append(fill.get("started")).append(" started through RequestStarter in ")
                    .append(fill.get("seconds")).append(" s, validate + announce jobs included).\n");
        }
        Map<String, Object> pages = (Map<String, Object>) results.get("pages");
        if (pages != null) {
            md.append("\n## Pages with ").append(pages.get("openClaimTasks")).append(" open tasks\n\n")
                    .append("| page | p50 ms | p95 ms | max ms | size (chars) |\n|---|---:|---:|---:|---:|\n");
            for (String name : List.of("taskList", "taskListFilteredByType", "myRequests")) {
                Map<String, Object> page = (Map<String, Object>) pages.get(name);
                if (page != null) {
                    md.append("| `").append(page.get("path")).append("` | ").append(page.get("p50Ms")).append(" | ")
                            .append(page.get("p95Ms")).append(" | ").append(page.get("maxMs")).append(" | ")
                            .append(page.get("pageChars")).append(" |\n");
                }
            }
            md.append("\n« Mes demandes » of a requester who started ").append(pages.get("myRequestsRequests"))
                    .append(" requests.\n");
        }
        Map<String, Object> storm = (Map<String, Object>) results.get("timerStorm");
        if (storm != null) {
            md.append("\n## Timer storm\n\n| due reminders | reminded | all fired in s | first after s | jobs |"
                    + " jobs/s | reminders/s | incidents | CPU busy | JVM CPU ms/reminder | other CPU ms/reminder |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| ")
                    .append(storm.get("dueReminders")).append(" | ").append(storm.get("reminded")).append(" | ")
                    .append(storm.get("secondsUntilAllFired")).append(" | ").append(storm.get("secondsUntilFirst"))
                    .append(" | ").append(storm.get("jobsSucceeded")).append(" | ")
                    .append(storm.get("jobsPerSecond")).append(" | ").append(storm.get("remindersPerSecond"))
                    .append(" | ").append(storm.get("openIncidents")).append(" | ")
                    .append(cpu(storm, "machineBusyPercent")).append(" % | ").append(cpu(storm, "jvmCpuMsPerUnit"))
                    .append(" | ").append(cpu(storm, "otherCpuMsPerUnit")).append(" |\n");
        }
        md.append(sqlSection("start, 50 users", start == null || start.isEmpty() ? null
                : start.get(start.size() - 1).get("sqlTop")));
        md.append(sqlSection("task list", pages == null ? null : pages.get("taskListSqlTop")));
        md.append(sqlSection("Mes demandes", pages == null ? null : pages.get("myRequestsSqlTop")));
        md.append(sqlSection("timer storm", storm == null ? null : storm.get("sqlTop")));
        Map<String, Object> settings = (Map<String, Object>) results.get("appSettings");
        if (settings != null) {
            md.append("\n## Effective settings\n\n| setting | value |\n|---|---|\n");
            settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String sqlSection(String phase, Object rows) {
        if (!(rows instanceof List) || ((List<?>) rows).isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### PostgreSQL time by statement: " + phase + "\n\n"
                + "| statement | calls | total ms | mean ms |\n|---|---:|---:|---:|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
            md.append("| `").append(String.valueOf(row.get("query")).replace("|", "\\|")).append("` | ")
                    .append(row.get("calls")).append(" | ").append(row.get("total_ms")).append(" | ")
                    .append(row.get("mean_ms")).append(" |\n");
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object cpu(Map<String, Object> phase, String key) {
        Object cpu = phase.get("cpu");
        return cpu instanceof Map ? ((Map<String, Object>) cpu).getOrDefault(key, "–") : "–";
    }

    /** Start throughput as a percentage of pgbench's TPS at the same concurrency. */
    @SuppressWarnings("unchecked")
    private static String ratio(Map<String, Object> pgbench, Map<String, Object> level) {
        if (pgbench == null) {
            return "–";
        }
        for (Map<String, Object> reference : (List<Map<String, Object>>) pgbench.get("levels")) {
            if (reference.get("clients").equals(level.get("users"))) {
                double tps = ((Number) reference.get("tps")).doubleValue();
                double rps = ((Number) level.get("requestsPerSecond")).doubleValue();
                return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * rps / tps);
            }
        }
        return "–";
    }
}
