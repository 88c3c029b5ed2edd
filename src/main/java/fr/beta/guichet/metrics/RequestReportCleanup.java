package fr.beta.guichet.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the reporting table no longer than the history it reports: every night after the engine's history cleanup
 * window (01:00–05:00), the rows whose process instance the history no longer holds (removed after its 365 days,
 * or deleted from Cockpit) are deleted. Idempotent, so every node may run it.
 */
@Component
class RequestReportCleanup {

    private static final Logger log = LoggerFactory.getLogger(RequestReportCleanup.class);

    private final JdbcTemplate jdbc;

    RequestReportCleanup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(cron = "0 30 5 * * *")
    int purge() {
        int deleted = jdbc.update("DELETE FROM " + RequestReportHandler.TABLE + " WHERE NOT EXISTS"
                + " (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = " + RequestReportHandler.TABLE + ".proc_inst_id)");
        if (deleted > 0) {
            log.info("Metrics report: {} rows of requests no longer in the history deleted", deleted);
        }
        return deleted;
    }
}
