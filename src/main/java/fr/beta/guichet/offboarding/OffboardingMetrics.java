package fr.beta.guichet.offboarding;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import fr.beta.guichet.grants.EngineTime;

/**
 * Departures for Prometheus and the managers' weekly table. {@code guichet_grants_overdue_active}: grants still
 * active after the date they had to be gone by (departure, or end of a kept period) in departures not cancelled —
 * should be 0; anything else is a revocation stuck at a person or an incident. Read at most once per
 * {@code guichet.metrics.gauge-refresh}.
 */
@Component
public class OffboardingMetrics {

    private static final Logger log = LoggerFactory.getLogger(OffboardingMetrics.class);

    private final Departures departures;
    private final JdbcTemplate jdbc;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    OffboardingMetrics(Departures departures, JdbcTemplate jdbc, MeterRegistry registry,
            @Value("${guichet.metrics.gauge-refresh:PT30S}") Duration refresh) {
        this.departures = departures;
        this.jdbc = jdbc;
        this.refresh = refresh;
        gauge(registry, "guichet.grants.overdue.active",
                "Grants still active past the date their holder's departure set for them (should be 0)", Snapshot::overdue);
        gauge(registry, "guichet.offboardings.open", "Departures declared and not yet done or cancelled", Snapshot::open);
        FunctionCounter.builder("guichet.offboardings.done", this, m -> m.current().done())
                .description("Departures done").register(registry);
        for (Outcome outcome : Outcome.values()) {
            FunctionCounter.builder("guichet.revocations", this, m -> m.current().revocations().getOrDefault(outcome, 0L))
                    .description("Accesses taken back at a departure, by outcome (MANUAL: needed a person)")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.current())).description(description).register(registry);
    }

    record Snapshot(Instant takenAt, long overdue, long open, long done, Map<Outcome, Long> revocations) {
    }

    synchronized Snapshot current() {
        Instant now = EngineTime.now();
        if (snapshot == null || now.isAfter(snapshot.takenAt().plus(refresh)) || now.isBefore(snapshot.takenAt())) {
            try {
                snapshot = read(now);
            } catch (RuntimeException e) {
                log.warn("Offboarding gauges not refreshed: {}", e.getMessage());
                if (snapshot == null) {
                    return new Snapshot(now, 0, 0, 0, Map.of());
                }
            }
        }
        return snapshot;
    }

    Snapshot read(Instant now) {
        Map<Outcome, Long> revocations = new EnumMap<>(Outcome.class);
        jdbc.query("SELECT outcome, COUNT(*) FROM guichet_offboarding_item WHERE outcome IS NOT NULL GROUP BY outcome",
                rs -> {
                    revocations.put(Outcome.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return new Snapshot(now, departures.overdueActiveGrants(now), count("OPEN"), count("DONE"), revocations);
    }

    private long count(String state) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM guichet_offboarding WHERE state = ?", Long.class, state);
        return n == null ? 0 : n;
    }

    /** One ISO week (from its Monday): departures declared and done in it, accesses revoked, and those by hand. */
    public record Week(LocalDate monday, long opened, long done, long revoked, long manual) {
    }

    /** The last {@code weeks} weeks, oldest first, in the given zone. */
    public List<Week> weekly(int weeks, ZoneId zone) {
        LocalDate thisMonday = LocalDate.ofInstant(EngineTime.now(), zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisMonday.minusWeeks(weeks - 1L);
        Instant from = first.atStartOfDay(zone).toInstant();
        Map<LocalDate, long[]> rows = new TreeMap<>();
        for (int i = 0; i < weeks; i++) {
            rows.put(first.plusWeeks(i), new long[4]);
        }
        for (Departure d : departures.since(from)) {
            add(rows, d.startedAt(), zone, 0);
            if (d.state() == Departure.State.DONE && d.endedAt() != null) {
                add(rows, d.endedAt(), zone, 1);
            }
        }
        for (DepartureItem item : departures.itemsSince(from)) {
            add(rows, item.outcomeAt(), zone, 2);
            if (item.outcome() == Outcome.MANUAL) {
                add(rows, item.outcomeAt(), zone, 3);
            }
        }
        List<Week> result = new ArrayList<>();
        rows.forEach((monday, v) -> result.add(new Week(monday, v[0], v[1], v[2], v[3])));
        return result;
    }

    private static void add(Map<LocalDate, long[]> rows, Instant at, ZoneId zone, int column) {
        if (at == null) {
            return;
        }
        long[] row = rows.get(LocalDate.ofInstant(at, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (row != null) {
            row[column]++;
        }
    }
}
