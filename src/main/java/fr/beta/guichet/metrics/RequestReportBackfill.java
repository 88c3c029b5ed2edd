package fr.beta.guichet.metrics;

import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.request.read.RequestTypes;

/**
 * Writes the report row of every request the history holds and the table does not: all of them on the first
 * start after this table appeared, none afterwards (the handler writes them). One {@code INSERT … SELECT} from
 * the history, in its own transaction, run when the engine is built and before its job executor starts.
 * <p>
 * Limit: on a cluster, a job another node commits while this statement reads the history may be missed for a
 * request that had no row yet; only on the start that creates the rows.
 */
class RequestReportBackfill {

    private static final Logger log = LoggerFactory.getLogger(RequestReportBackfill.class);

    private final JdbcTemplate jdbc;
    private final MetricsDialect dialect;
    private final ObjectProvider<RequestTypes> types;
    private final TransactionTemplate transaction;

    RequestReportBackfill(JdbcTemplate jdbc, MetricsDialect dialect, ObjectProvider<RequestTypes> types,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.types = types;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** @return the number of rows written */
    int run() {
        var keys = types.getObject().processKeys();
        String sql = "INSERT INTO " + RequestReportHandler.TABLE + " (" + RequestReportSource.COLUMNS + ") SELECT "
                + RequestReportSource.COLUMNS + " FROM (" + RequestReportSource.historyRows(dialect) + ") h"
                + " WHERE h.req_type IN (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")"
                + " AND NOT EXISTS (SELECT 1 FROM " + RequestReportHandler.TABLE + " r WHERE r.proc_inst_id = h.proc_inst_id)";
        for (int attempt = 1;; attempt++) {
            try {
                long start = System.nanoTime();
                Integer written = transaction.execute(s -> jdbc.update(sql, keys.toArray()));
                if (written != null && written > 0) {
                    log.info("Metrics report: {} requests backfilled from the history in {} ms", written,
                            (System.nanoTime() - start) / 1_000_000);
                }
                return written == null ? 0 : written;
            } catch (DataIntegrityViolationException e) {
                // another node backfilled the same rows at the same time: read again what is left
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }
}
