package fr.beta.guichet.provider.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The suspended Dimail mailboxes waiting for their deletion ({@code guichet_dimail_deletion}): written when a
 * mailbox is suspended at a departure, read by {@link DimailMailProvider#completeRevocations}. Plain statements, each
 * committed on its own: a deletion is idempotent at Dimail, so two nodes running the same due row at once is harmless.
 */
class DimailDeletions {

    /** One row: the address, when it is due, and whether it is done. */
    record Deletion(String domain, String localPart, Instant suspendedAt, Instant dueAt, Instant deletedAt,
            int attempts, String lastError) {
    }

    private final JdbcTemplate jdbc;

    DimailDeletions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Schedules the deletion unless one is already pending for this address (a retried revocation keeps its date). */
    void schedule(String domain, String localPart, Instant suspendedAt, Instant dueAt) {
        Optional<Deletion> existing = find(domain, localPart);
        if (existing.isPresent() && existing.get().deletedAt() == null) {
            return;
        }
        if (existing.isPresent()) {
            jdbc.update("UPDATE guichet_dimail_deletion SET suspended_at = ?, due_at = ?, deleted_at = NULL, attempts = 0,"
                    + " last_error = NULL WHERE domain = ? AND local_part = ?", ts(suspendedAt), ts(dueAt), domain, localPart);
            return;
        }
        try {
            jdbc.update("INSERT INTO guichet_dimail_deletion (domain, local_part, suspended_at, due_at, attempts)"
                    + " VALUES (?, ?, ?, ?, 0)", domain, localPart, ts(suspendedAt), ts(dueAt));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // scheduled at the same moment by another node: its row stands
        }
    }

    /** Whether a deletion is scheduled and not yet done. */
    boolean pending(String domain, String localPart) {
        return find(domain, localPart).filter(d -> d.deletedAt() == null).isPresent();
    }

    Optional<Deletion> find(String domain, String localPart) {
        return jdbc.query("SELECT * FROM guichet_dimail_deletion WHERE domain = ? AND local_part = ?",
                (rs, i) -> row(rs), domain, localPart).stream().findFirst();
    }

    List<Deletion> due(Instant now) {
        return jdbc.query("SELECT * FROM guichet_dimail_deletion WHERE deleted_at IS NULL AND due_at <= ?"
                + " ORDER BY due_at", (rs, i) -> row(rs), ts(now));
    }

    List<Deletion> all() {
        return jdbc.query("SELECT * FROM guichet_dimail_deletion ORDER BY due_at", (rs, i) -> row(rs));
    }

    void done(Deletion deletion, Instant at) {
        jdbc.update("UPDATE guichet_dimail_deletion SET deleted_at = ?, attempts = attempts + 1, last_error = NULL"
                + " WHERE domain = ? AND local_part = ?", ts(at), deletion.domain(), deletion.localPart());
    }

    void failed(Deletion deletion, String error) {
        String cut = error == null ? null : error.length() <= 400 ? error : error.substring(0, 399) + "…";
        jdbc.update("UPDATE guichet_dimail_deletion SET attempts = attempts + 1, last_error = ?"
                + " WHERE domain = ? AND local_part = ?", cut, deletion.domain(), deletion.localPart());
    }

    private static Deletion row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new Deletion(rs.getString("domain"), rs.getString("local_part"), rs.getTimestamp("suspended_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(), deleted == null ? null : deleted.toInstant(), rs.getInt("attempts"),
                rs.getString("last_error"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
