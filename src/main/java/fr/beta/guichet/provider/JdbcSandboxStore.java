package fr.beta.guichet.provider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox providers' state in the application's database ({@code guichet_sandbox_api},
 * {@code guichet_sandbox_document}, Flyway migration V2): it survives restarts and is shared by every node.
 * <p>
 * {@link #atomically} runs one fake call in its own transaction ({@code REQUIRES_NEW}: the engine's transaction of
 * the calling job is suspended, as it would be while waiting for a remote API), holding the API's row lock, so two
 * calls to one API never interleave on any node; the transaction commits before the fake's answer is returned, so a
 * write is durable once answered — then an answer lost on the way back is exactly the real API's case.
 */
@Component
public class JdbcSandboxStore implements SandboxStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<String> CURRENT_API = new ThreadLocal<>();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public JdbcSandboxStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public <T> T atomically(String api, Supplier<T> work) {
        String outer = CURRENT_API.get();
        if (api.equals(outer)) {
            return work.get();
        }
        ensureApiRow(api);
        return ownTransaction.execute(status -> {
            CURRENT_API.set(api);
            try {
                jdbc.queryForObject("SELECT next_seq FROM guichet_sandbox_api WHERE api = ? FOR UPDATE", Long.class, api);
                return work.get();
            } finally {
                if (outer == null) {
                    CURRENT_API.remove();
                } else {
                    CURRENT_API.set(outer);
                }
            }
        });
    }

    @Override
    public long nextNumber(String api) {
        return atomically(api, () -> {
            jdbc.update("UPDATE guichet_sandbox_api SET next_seq = next_seq + 1 WHERE api = ?", api);
            return jdbc.queryForObject("SELECT next_seq FROM guichet_sandbox_api WHERE api = ?", Long.class, api);
        });
    }

    @Override
    public Optional<SandboxDocument> find(String api, String collection, String id) {
        return jdbc.query("SELECT collection, id, seq, body, created_at, updated_at FROM guichet_sandbox_document"
                + " WHERE api = ? AND collection = ? AND id = ?", JdbcSandboxStore::document, api, collection, id)
                .stream().findFirst();
    }

    @Override
    public List<SandboxDocument> list(String api, String collection) {
        return jdbc.query("SELECT collection, id, seq, body, created_at, updated_at FROM guichet_sandbox_document"
                + " WHERE api = ? AND collection = ? ORDER BY seq", JdbcSandboxStore::document, api, collection);
    }

    @Override
    public List<SandboxDocument> listAll(String api) {
        return jdbc.query("SELECT collection, id, seq, body, created_at, updated_at FROM guichet_sandbox_document"
                + " WHERE api = ? ORDER BY seq", JdbcSandboxStore::document, api);
    }

    @Override
    public void save(String api, String collection, String id, ObjectNode body) {
        atomically(api, () -> {
            String json = write(body);
            Timestamp now = Timestamp.from(clock.instant());
            int updated = jdbc.update("UPDATE guichet_sandbox_document SET body = ?, updated_at = ?"
                    + " WHERE api = ? AND collection = ? AND id = ?", json, now, api, collection, id);
            if (updated == 0) {
                jdbc.update("INSERT INTO guichet_sandbox_document (api, collection, id, seq, body, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", api, collection, id, nextNumber(api), json, now, now);
            }
            return null;
        });
    }

    @Override
    public boolean delete(String api, String collection, String id) {
        return atomically(api, () -> jdbc.update(
                "DELETE FROM guichet_sandbox_document WHERE api = ? AND collection = ? AND id = ?", api, collection,
                id) > 0);
    }

    @Override
    public void clear(String api) {
        atomically(api, () -> {
            jdbc.update("DELETE FROM guichet_sandbox_document WHERE api = ?", api);
            jdbc.update("UPDATE guichet_sandbox_api SET next_seq = 0 WHERE api = ?", api);
            return null;
        });
    }

    /** The API's row, created once in a transaction of its own (two nodes may race: the loser finds it there). */
    private void ensureApiRow(String api) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM guichet_sandbox_api WHERE api = ?", Integer.class, api);
        if (rows != null && rows > 0) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(
                    status -> jdbc.update("INSERT INTO guichet_sandbox_api (api, next_seq) VALUES (?, 0)", api));
        } catch (DuplicateKeyException raceLost) {
            // another thread or node created it first: fine
        }
    }

    private static SandboxDocument document(ResultSet rs, int row) throws SQLException {
        return new SandboxDocument(rs.getString("collection"), rs.getString("id"), rs.getLong("seq"),
                read(rs.getString("body")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sandbox document is not JSON", e);
        }
    }
}
