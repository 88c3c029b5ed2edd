package fr.beta.guichet.offboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.EngineTime;

/** {@code guichet_offboarding} and {@code guichet_offboarding_item}, in the caller's transaction. */
@Component
public class Departures {

    private static final String DEPARTURE = "reference, person_email, departure_at, started_by, started_at, state, ended_at";
    private static final String ITEM = "reference, grant_id, decision, keep_days, revoke_at, outcome, outcome_at, handled_by";

    private final JdbcTemplate jdbc;

    Departures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(Departure departure, List<DepartureItem> items) {
        jdbc.update("INSERT INTO guichet_offboarding (" + DEPARTURE + ") VALUES (?, ?, ?, ?, ?, ?, NULL)",
                departure.reference(), departure.personEmail(), ts(departure.departureAt()), departure.startedBy(),
                ts(departure.startedAt()), departure.state().name());
        for (DepartureItem item : items) {
            jdbc.update("INSERT INTO guichet_offboarding_item (" + ITEM + ") VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL)",
                    item.reference(), item.grantId(), item.decision().name(), item.keepDays(), ts(item.revokeAt()));
        }
    }

    public Optional<Departure> byReference(String reference) {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding WHERE reference = ?", Departures::departure,
                reference).stream().findFirst();
    }

    public List<DepartureItem> items(String reference) {
        return jdbc.query("SELECT " + ITEM + " FROM guichet_offboarding_item WHERE reference = ? ORDER BY revoke_at, grant_id",
                Departures::item, reference);
    }

    public Optional<DepartureItem> item(String reference, String grantId) {
        return jdbc.query("SELECT " + ITEM + " FROM guichet_offboarding_item WHERE reference = ? AND grant_id = ?",
                Departures::item, reference, grantId).stream().findFirst();
    }

    /** Departures of a person, or started by a user, newest first. */
    public List<Departure> concerning(String personEmail, String startedBy) {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding WHERE person_email = ? OR started_by = ?"
                + " ORDER BY started_at DESC", Departures::departure, personEmail, startedBy);
    }

    /** Every departure (managers; admins filter by their groups' grants), newest first. */
    public List<Departure> all() {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding ORDER BY started_at DESC", Departures::departure);
    }

    /** Grant ids already planned in an open departure (a grant is planned once at a time). */
    public List<String> openGrantIds(String personEmail) {
        return jdbc.queryForList("SELECT i.grant_id FROM guichet_offboarding_item i JOIN guichet_offboarding o"
                + " ON o.reference = i.reference WHERE o.person_email = ? AND o.state = 'OPEN'", String.class, personEmail);
    }

    public boolean hasOpen(String personEmail) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM guichet_offboarding WHERE person_email = ? AND state = 'OPEN'",
                Integer.class, personEmail);
        return count != null && count > 0;
    }

    /** The departure of a person on that date (its state whatever), the newest first. */
    Optional<Departure> byPersonAt(String personEmail, Instant departureAt) {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding WHERE person_email = ? AND departure_at = ?"
                + " ORDER BY started_at DESC", Departures::departure, personEmail, ts(departureAt)).stream().findFirst();
    }

    /** The person's open departure, if any. */
    Optional<Departure> openOf(String personEmail) {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding WHERE person_email = ? AND state = 'OPEN'"
                + " ORDER BY started_at DESC", Departures::departure, personEmail).stream().findFirst();
    }

    /** The departure an import planned for this person and date. */
    Optional<String> importedReference(String personEmail, java.time.LocalDate date) {
        return jdbc.queryForList("SELECT reference FROM guichet_offboarding_import WHERE person_email = ? AND departure_date = ?",
                String.class, personEmail, java.sql.Date.valueOf(date)).stream().findFirst();
    }

    /** Marks this person and date as planned by an import; fails on the primary key when it already is. */
    void recordImport(String personEmail, java.time.LocalDate date, String reference, String importedBy, Instant at) {
        jdbc.update("INSERT INTO guichet_offboarding_import (person_email, departure_date, reference, imported_by, imported_at)"
                + " VALUES (?, ?, ?, ?, ?)", personEmail, java.sql.Date.valueOf(date), reference, importedBy, ts(at));
    }

    void end(String reference, Departure.State state) {
        jdbc.update("UPDATE guichet_offboarding SET state = ?, ended_at = ? WHERE reference = ? AND state = 'OPEN'",
                state.name(), ts(EngineTime.now()), reference);
    }

    /** Records how a revocation ended, once: a retried job does not change a recorded outcome. */
    void recordOutcome(String reference, String grantId, Outcome outcome, String handledBy) {
        jdbc.update("UPDATE guichet_offboarding_item SET outcome = ?, outcome_at = ?, handled_by = ?"
                + " WHERE reference = ? AND grant_id = ? AND outcome IS NULL",
                outcome.name(), ts(EngineTime.now()), handledBy, reference, grantId);
    }

    /**
     * Grants still active although the date they had to be gone by (the departure, or the end of a kept period)
     * has passed, in departures not cancelled: should be 0.
     */
    public long overdueActiveGrants(Instant now) {
        Long count = jdbc.queryForObject("SELECT COUNT(DISTINCT g.id) FROM guichet_access_grant g"
                + " JOIN guichet_offboarding_item i ON i.grant_id = g.id"
                + " JOIN guichet_offboarding o ON o.reference = i.reference"
                + " WHERE g.state = 'ACTIVE' AND o.state <> 'CANCELLED' AND i.revoke_at IS NOT NULL AND i.revoke_at < ?",
                Long.class, ts(now));
        return count == null ? 0 : count;
    }

    /** Every item of departures started since {@code from}, for the weekly figures. */
    List<DepartureItem> itemsSince(Instant from) {
        return jdbc.query("SELECT " + ITEM + " FROM guichet_offboarding_item WHERE outcome_at >= ?", Departures::item, ts(from));
    }

    List<Departure> since(Instant from) {
        return jdbc.query("SELECT " + DEPARTURE + " FROM guichet_offboarding WHERE started_at >= ? OR ended_at >= ?",
                Departures::departure, ts(from), ts(from));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Departure departure(ResultSet rs, int row) throws SQLException {
        return new Departure(rs.getString("reference"), rs.getString("person_email"), instant(rs, "departure_at"),
                rs.getString("started_by"), instant(rs, "started_at"), Departure.State.valueOf(rs.getString("state")),
                instant(rs, "ended_at"));
    }

    private static DepartureItem item(ResultSet rs, int row) throws SQLException {
        int keep = rs.getInt("keep_days");
        Integer keepDays = rs.wasNull() ? null : keep;
        String outcome = rs.getString("outcome");
        return new DepartureItem(rs.getString("reference"), rs.getString("grant_id"),
                Decision.valueOf(rs.getString("decision")), keepDays, instant(rs, "revoke_at"),
                outcome == null ? null : Outcome.valueOf(outcome), instant(rs, "outcome_at"), rs.getString("handled_by"));
    }
}
