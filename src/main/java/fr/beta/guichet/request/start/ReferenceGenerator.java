package fr.beta.guichet.request.start;

import java.time.Clock;
import java.time.Year;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable, unique references such as {@code SUB-2026-0042}: one database sequence per prefix and year
 * ({@code guichet_ref_sub_2026}), so concurrent submissions and several app nodes never share a number and never
 * wait on each other. A submission that fails after taking its number leaves a gap, which references allow.
 * <p>
 * The benchmark showed why not a counter row: every start updated the same row and held its lock until commit,
 * 50 ms of waiting per start at 50 concurrent requesters (bench/README.md). Numbers already given by that counter
 * ({@code guichet_reference_counter}, kept for this) are continued: a year's sequence starts after its last value.
 */
@Component
public class ReferenceGenerator {

    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,7}");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Creates a sequence in a transaction of its own, committed at once, whatever the caller's transaction. */
    private final TransactionTemplate ownTransaction;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private volatile Boolean postgres;

    ReferenceGenerator(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public String next(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("reference prefix must be 1-8 capital letters or digits: " + prefix);
        }
        int year = Year.now(clock).getValue();
        String sequence = "guichet_ref_" + prefix.toLowerCase() + "_" + year;
        if (!created.contains(sequence)) {
            create(sequence, prefix, year);
            created.add(sequence);
        }
        Long value = jdbc.queryForObject(isPostgres() ? "SELECT nextval('" + sequence + "')"
                : "SELECT NEXT VALUE FOR " + sequence, Long.class);
        return "%s-%d-%04d".formatted(prefix, year, value);
    }

    private void create(String sequence, String prefix, int year) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                Integer last = jdbc.query(
                        "SELECT last_value FROM guichet_reference_counter WHERE prefix = ? AND ref_year = ?",
                        rs -> rs.next() ? rs.getInt(1) : 0, prefix, year);
                jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " START WITH " + (last + 1));
            });
        } catch (DataAccessException concurrentCreation) {
            // another node or thread created it at the same moment (PostgreSQL may then report a duplicate
            // catalog entry): the sequence exists, which is all we need; if it does not, nextval says so
        }
    }

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
        }
        return postgres;
    }
}
