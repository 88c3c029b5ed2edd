package fr.beta.guichet.bench;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's side of a phase, from {@code pg_stat_statements} (preloaded on the benchmark's server): the
 * statements that took the most execution time since the last reset, normalised (parameters as $1…).
 */
final class SqlTop {

    private final JdbcTemplate jdbc;

    SqlTop(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    void reset() {
        jdbc.queryForList("SELECT pg_stat_statements_reset()");
    }

    List<Map<String, Object>> top(int limit) {
        return jdbc.queryForList("""
                SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 220) AS query, calls,
                       round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
                       rows
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT ?""", limit);
    }
}
