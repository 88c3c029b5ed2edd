package fr.beta.guichet.metrics;

import java.util.List;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's history tables for the metrics queries, created idempotently at every start. Not in
 * a Flyway migration: Flyway may run before the engine creates its tables on a new database.
 * {@code CREATE INDEX IF NOT EXISTS} works on H2 and PostgreSQL. See the README for their effect (benchmark).
 */
@Component
class MetricsIndexes {

    static final List<String> NAMES = List.of("GUICHET_IDX_HI_PI_KEY_START", "GUICHET_IDX_HI_ACT_ID_KEY");

    static final List<String> STATEMENTS = List.of(
            // the period filter of every metrics query: type, then creation time
            "CREATE INDEX IF NOT EXISTS GUICHET_IDX_HI_PI_KEY_START ON ACT_HI_PROCINST (PROC_DEF_KEY_, START_TIME_)",
            // reminders and escalations fired (page and Prometheus counters)
            "CREATE INDEX IF NOT EXISTS GUICHET_IDX_HI_ACT_ID_KEY ON ACT_HI_ACTINST (ACT_ID_, PROC_DEF_KEY_)");

    private final JdbcTemplate jdbc;

    MetricsIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    void create() {
        STATEMENTS.forEach(jdbc::execute);
    }
}
