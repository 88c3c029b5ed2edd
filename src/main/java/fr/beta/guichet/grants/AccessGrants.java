package fr.beta.guichet.grants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@code guichet_access_grant}: written in the caller's transaction (the « fait » job, or an admin's registration).
 * A request reference is unique: the row of a done request is written once, whatever the retries.
 */
@Component
public class AccessGrants {

    private static final String COLUMNS = "id, person_email, person_user, kind, resource_group, resource, provider_id,"
            + " access_level, granted_at, request_reference, registered_by, state, state_changed_at";

    private static final RowMapper<AccessGrant> ROW = AccessGrants::map;

    private final JdbcTemplate jdbc;
    private final IdentityService identityService;

    AccessGrants(JdbcTemplate jdbc, IdentityService identityService) {
        this.jdbc = jdbc;
        this.identityService = identityService;
    }

    /**
     * The grant of a done request, once: a second call for the same reference (a retried job) changes nothing.
     *
     * @return whether a row was written
     */
    public boolean recordDone(String reference, String resourceGroup, String email, String user, String kind,
            String resource, String providerId, String level) {
        if (byRequest(reference).isPresent()) {
            return false;
        }
        String person = normalize(email);
        // the unique key on request_reference is the guard if two attempts ever overlapped: the loser's job fails
        // and its retry finds the row above
        jdbc.update("INSERT INTO guichet_access_grant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'ACTIVE', NULL)",
                UUID.randomUUID().toString(), person, user != null ? user : userWithEmail(person).orElse(null), kind,
                resourceGroup, resource, providerId, level, Timestamp.from(EngineTime.now()), reference);
        return true;
    }

    /** An access that predates Guichet Ops, registered by an admin of its group once the provider confirmed it. */
    public AccessGrant register(String registeredBy, String email, String kind, String resourceGroup, String resource,
            String providerId, String level) {
        String id = UUID.randomUUID().toString();
        String person = normalize(email);
        jdbc.update("INSERT INTO guichet_access_grant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'ACTIVE', NULL)",
                id, person, userWithEmail(person).orElse(null), kind, resourceGroup, resource, providerId, level,
                Timestamp.from(EngineTime.now()), registeredBy);
        return byId(id).orElseThrow();
    }

    /** Whether an active grant already names this access (same kind and provider identifiers). */
    public boolean activeExists(String kind, String providerId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM guichet_access_grant WHERE kind = ? AND provider_id = ?"
                + " AND state = 'ACTIVE'", Integer.class, kind, providerId);
        return count != null && count > 0;
    }

    public Optional<AccessGrant> byId(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<AccessGrant> byRequest(String reference) {
        return jdbc.query("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE request_reference = ?", ROW, reference)
                .stream().findFirst();
    }

    public List<AccessGrant> byIds(Collection<String> ids) {
        return ids.stream().map(this::byId).flatMap(Optional::stream).toList();
    }

    /** The grants of a person: by their email, or linked to their user id. */
    public List<AccessGrant> ofPerson(String email, String userOrNull, boolean activeOnly) {
        return jdbc.query("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE (person_email = ? OR person_user = ?)"
                + (activeOnly ? " AND state = 'ACTIVE'" : "") + " ORDER BY granted_at, id", ROW,
                normalize(email), userOrNull == null ? "" : userOrNull);
    }

    /**
     * The registry, filtered: {@code groups} null means every group (managers); blank filters are ignored.
     */
    public List<AccessGrant> search(Collection<String> groups, String person, String kind, GrantState state) {
        if (groups != null && groups.isEmpty()) {
            return List.of();
        }
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (groups != null) {
            sql.append(" AND resource_group IN (").append(String.join(", ", groups.stream().map(g -> "?").toList())).append(")");
            args.addAll(groups);
        }
        if (person != null && !person.isBlank()) {
            sql.append(" AND (person_email LIKE ? OR person_user = ?)");
            args.add("%" + normalize(person) + "%");
            args.add(person.trim());
        }
        if (kind != null && !kind.isBlank()) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        }
        sql.append(" ORDER BY person_email, granted_at, id");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Marks an active grant revoked (or found gone); a grant already taken back stays as it is. */
    public void markEnded(String id, GrantState state) {
        jdbc.update("UPDATE guichet_access_grant SET state = ?, state_changed_at = ? WHERE id = ? AND state = 'ACTIVE'",
                state.name(), Timestamp.from(EngineTime.now()), id);
    }

    /** The email of an app user, lowercase, if they have one. */
    public Optional<String> emailOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null || user.getEmail() == null || user.getEmail().isBlank()
                ? Optional.empty() : Optional.of(normalize(user.getEmail()));
    }

    /** The app user with this email, if exactly one. */
    public Optional<String> userWithEmail(String email) {
        List<User> users = identityService.createUserQuery().userEmail(email).list();
        if (users.isEmpty()) {
            users = identityService.createUserQuery().userEmail(normalize(email)).list();
        }
        return users.size() == 1 ? Optional.of(users.get(0).getId()) : Optional.empty();
    }

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static AccessGrant map(ResultSet rs, int row) throws SQLException {
        return new AccessGrant(rs.getString("id"), rs.getString("person_email"), rs.getString("person_user"),
                rs.getString("kind"), rs.getString("resource_group"), rs.getString("resource"),
                rs.getString("provider_id"), rs.getString("access_level"), instant(rs, "granted_at"),
                rs.getString("request_reference"), rs.getString("registered_by"),
                GrantState.valueOf(rs.getString("state")), instant(rs, "state_changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
