package fr.beta.guichet.lifecycle;

import java.time.Clock;
import java.time.Year;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable, gap-tolerant, unique references such as {@code SUB-2026-0042}, one counter per prefix and year. The
 * row update takes a lock, so concurrent submissions (and several app nodes) never share a number.
 */
@Component
public class ReferenceGenerator {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** The year's first row, inserted under a savepoint: PostgreSQL aborts a whole transaction on a failed insert. */
    private final TransactionTemplate savepoint;

    ReferenceGenerator(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String next(String prefix) {
        int year = Year.now(clock).getValue();
        if (increment(prefix, year) == 0) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO guichet_reference_counter (prefix, ref_year, last_value) VALUES (?, ?, 0)",
                        prefix, year));
            } catch (DuplicateKeyException concurrentInsert) {
                // another submission created the row first (rolled back to the savepoint): incrementing it is all
                // we need
            }
            increment(prefix, year);
        }
        Integer value = jdbc.queryForObject(
                "SELECT last_value FROM guichet_reference_counter WHERE prefix = ? AND ref_year = ?",
                Integer.class, prefix, year);
        return "%s-%d-%04d".formatted(prefix, year, value);
    }

    private int increment(String prefix, int year) {
        return jdbc.update(
                "UPDATE guichet_reference_counter SET last_value = last_value + 1 WHERE prefix = ? AND ref_year = ?",
                prefix, year);
    }
}
