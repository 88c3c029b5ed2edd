package fr.beta.guichet.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the job executor's acquisition query an index walk. With {@code ensureJobDueDateNotNull} every job has a due
 * date and the query drops its {@code DUEDATE_ is null or}; with {@code jobExecutorAcquireByDueDate} it reads jobs
 * in due-date order; with this index PostgreSQL walks {@code ACT_RU_JOB} from the oldest due job and stops after one
 * batch. Without them it scanned the table for every acquisition: 20 ms each, 60% of PostgreSQL's time during a
 * storm of 10,000 reminders (bench/README.md).
 * <p>
 * Jobs written before {@code ensureJobDueDateNotNull} was on may have no due date and would never be acquired: they
 * are given "now", once, at startup. Idempotent on H2 and PostgreSQL.
 */
@Component
class JobAcquisitionIndex {

    static final String INDEX = "GUICHET_IDX_JOB_DUEDATE";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final JdbcTemplate jdbc;

    JobAcquisitionIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    void prepare() {
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_JOB (DUEDATE_)");
        int dated = jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL");
        if (dated > 0) {
            log.info("{} job(s) without a due date made due now (ensureJobDueDateNotNull)", dated);
        }
    }
}
