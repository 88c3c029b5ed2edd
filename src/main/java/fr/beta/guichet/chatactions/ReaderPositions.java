package fr.beta.guichet.chatactions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code guichet_chat_reader}: per room, the lease that lets one node read it and the token of the next batch. Each
 * call is its own statement (auto-commit): a lease taken is visible to the other nodes at once.
 */
@Component
class ReaderPositions {

    private final JdbcTemplate jdbc;

    ReaderPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; {@code false} while another holder's lease runs. */
    boolean acquire(String reader, String holder, Instant now, Instant until) {
        int updated = jdbc.update("""
                UPDATE guichet_chat_reader SET holder = ?, lease_until = ?
                WHERE reader = ? AND (holder IS NULL OR holder = ? OR lease_until IS NULL OR lease_until < ?)""",
                holder, Timestamp.from(until), reader, holder, Timestamp.from(now));
        if (updated == 1) {
            return true;
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM guichet_chat_reader WHERE reader = ?", Integer.class, reader) > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO guichet_chat_reader (reader, holder, lease_until, updated_at) VALUES (?, ?, ?, ?)",
                    reader, holder, Timestamp.from(until), Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false; // another node created it at the same moment: its lease
        }
    }

    /** The token after the last batch handled; {@code null} before the first one. */
    String nextBatch(String reader) {
        List<String> tokens = jdbc.queryForList("SELECT next_batch FROM guichet_chat_reader WHERE reader = ?",
                String.class, reader);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    /** Keeps the token, only while {@code holder} holds the lease; {@code false} if it lost it. */
    boolean save(String reader, String holder, String nextBatch, Instant now) {
        return jdbc.update("UPDATE guichet_chat_reader SET next_batch = ?, updated_at = ? WHERE reader = ? AND holder = ?",
                nextBatch, Timestamp.from(now), reader, holder) == 1;
    }

    void release(String reader, String holder) {
        jdbc.update("UPDATE guichet_chat_reader SET holder = NULL, lease_until = NULL WHERE reader = ? AND holder = ?",
                reader, holder);
    }
}
