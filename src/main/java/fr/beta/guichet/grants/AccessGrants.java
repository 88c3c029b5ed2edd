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
            + " access_level, granted_at, request_reference, registered_by, state, state_changed_at, requested_by,"
            + " invitation_pending";

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
        return recordDone(reference, resourceGroup, email, user, kind, resource, providerId, level, null, false);
    }

    /**
     * The grant of a done request, once, with who filed it and whether the access still waits for its holder to
     * accept an invitation.
     *
     * @return whether a row was written
     */
    public boolean recordDone(String reference, String resourceGroup, String email, String user, String kind,
            String resource, String providerId, String level, String requestedBy, boolean invitationPending) {
        if (byRequest(reference).isPresent()) {
            return false;
        }
        String person = normalize(email);
        String holder = user != null ? user : holderOf(kind, person, providerId).orElse(null);
        // the unique key on request_reference is the guard if two attempts ever overlapped: the loser's job fails
        // and its retry finds the row above
        jdbc.update("INSERT INTO guichet_access_grant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'ACTIVE', NULL, ?, ?)",
                UUID.randomUUID().toString(), person, holder, kind,
                resourceGroup, resource, providerId, level, Timestamp.from(EngineTime.now()), reference, requestedBy,
                invitationPending);
        return true;
    }

    /** An access that predates Guichet Ops, registered by an admin of its group once the provider confirmed it. */
    public AccessGrant register(String registeredBy, String email, String kind, String resourceGroup, String resource,
            String providerId, String level) {
        String id = UUID.randomUUID().toString();
        String person = normalize(email);
        jdbc.update("INSERT INTO guichet_access_grant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'ACTIVE', NULL, NULL, FALSE)",
                id, person, holderOf(kind, person, providerId).orElse(null), kind, resourceGroup, resource, providerId, level,
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
        return ofAddresses(List.of(normalize(email)), userOrNull, activeOnly);
    }

    /** The grants held at any of these addresses, or linked to this user id. */
    public List<AccessGrant> ofAddresses(Collection<String> addresses, String userOrNull, boolean activeOnly) {
        List<Object> args = new ArrayList<>();
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE (person_user = ?");
        args.add(userOrNull == null ? "" : userOrNull);
        for (String address : addresses) {
            if (!address.isBlank()) {
                sql.append(" OR person_email = ?");
                args.add(normalize(address));
            }
        }
        sql.append(")").append(activeOnly ? " AND state = 'ACTIVE'" : "").append(" ORDER BY granted_at, id");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** The active grants of the requests this user filed. */
    public List<AccessGrant> requestedBy(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE requested_by = ? AND state = 'ACTIVE'"
                + " ORDER BY granted_at, id", ROW, userId);
    }

    /**
     * Every address a user has: the email of their account, the addresses of the mailboxes and redirections
     * linked to them, and the redirected addresses whose mail goes to one of those.
     */
    public List<String> addressesOf(String userId) {
        var addresses = new java.util.LinkedHashSet<String>();
        emailOf(userId).ifPresent(addresses::add);
        jdbc.query("SELECT person_email FROM guichet_access_grant WHERE person_user = ? AND kind IN ('mailbox', 'redirection')"
                + " AND state = 'ACTIVE'", (rs, i) -> rs.getString(1), userId).forEach(a -> addresses.add(normalize(a)));
        for (String address : List.copyOf(addresses)) {
            // redirection provider id: <domain> <address> <target>
            jdbc.query("SELECT person_email FROM guichet_access_grant WHERE kind = 'redirection' AND state = 'ACTIVE'"
                    + " AND LOWER(provider_id) LIKE ? ESCAPE '!'", (rs, i) -> rs.getString(1),
                    "% " + address.replace("!", "!!").replace("%", "!%").replace("_", "!_"))
                    .forEach(a -> addresses.add(normalize(a)));
        }
        return List.copyOf(addresses);
    }

    /**
     * The app user who holds an access at this address: the one whose account has this email, or, for a
     * redirection, whose account has the email mail goes to.
     */
    public Optional<String> holderOf(String kind, String email, String providerId) {
        Optional<String> user = userWithEmail(normalize(email));
        if (user.isEmpty()) {
            // another mailbox or redirection at this address already linked to a user
            List<String> linked = jdbc.query("SELECT DISTINCT person_user FROM guichet_access_grant WHERE person_email = ?"
                    + " AND person_user IS NOT NULL AND kind IN ('mailbox', 'redirection')", (rs, i) -> rs.getString(1),
                    normalize(email));
            user = linked.size() == 1 ? Optional.of(linked.get(0)) : Optional.empty();
        }
        if (user.isEmpty() && "redirection".equals(kind) && providerId != null) {
            String[] fields = providerId.trim().split("\\s+");
            if (fields.length >= 3) {
                user = userWithEmail(normalize(fields[fields.length - 1]));
            }
        }
        return user;
    }

    /** The app user holding this grant: the one linked to it, or found by any address they have. */
    public Optional<String> holder(AccessGrant grant) {
        return grant.personUser() != null ? Optional.of(grant.personUser())
                : holderOf(grant.kind(), grant.personEmail(), grant.providerId());
    }

    /** Active grants still waiting for their holder to accept an invitation. */
    public List<AccessGrant> pendingInvitations() {
        return jdbc.query("SELECT " + COLUMNS + " FROM guichet_access_grant WHERE invitation_pending = TRUE AND state = 'ACTIVE'"
                + " ORDER BY granted_at, id", ROW);
    }

    /** The holder accepted the invitation (or it is no longer pending). */
    public void invitationAccepted(String id) {
        jdbc.update("UPDATE guichet_access_grant SET invitation_pending = FALSE WHERE id = ?", id);
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
                GrantState.valueOf(rs.getString("state")), instant(rs, "state_changed_at"), rs.getString("requested_by"),
                rs.getBoolean("invitation_pending"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
