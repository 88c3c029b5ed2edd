package fr.beta.guichet.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * The catalogue's « délai habituel » per request type: the median time to done, in working days ({@link
 * WorkingDays}), of the requests done in the last 90 days, net of the time they waited for their requester. Fewer
 * than {@link #MIN_REQUESTS} such requests: not measured (the catalogue shows its fixed estimate). Read from the
 * reporting table, at most once per {@link #REFRESH}.
 */
@Component
public class UsualDelays {

    static final Duration WINDOW = Duration.ofDays(90);
    static final int MIN_REQUESTS = 5;
    static final Duration REFRESH = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final RequestTypes types;
    private final WorkingDays workingDays;
    private final Clock clock;
    private volatile Map<String, UsualDelay> cached;
    private volatile Instant cachedAt;

    UsualDelays(JdbcTemplate jdbc, RequestTypes types, WorkingDays workingDays, Clock clock) {
        this.jdbc = jdbc;
        this.types = types;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /** The delay of a request type now (cached). */
    public UsualDelay of(String processKey) {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedAt.plus(REFRESH))) {
            cached = at(now);
            cachedAt = now;
        }
        return cached.getOrDefault(processKey, new UsualDelay(processKey, 0, null));
    }

    /** Every type's delay for the requests done in the 90 days before {@code now}. */
    Map<String, UsualDelay> at(Instant now) {
        Map<String, List<Double>> days = new HashMap<>();
        types.processKeys().forEach(k -> days.put(k, new ArrayList<>()));
        jdbc.query("SELECT req_type, created_at, ended_at, wait_ms FROM " + RequestReportHandler.TABLE
                + " WHERE end_state = ? AND ended_at >= ? AND ended_at < ?", rs -> {
                    List<Double> list = days.get(rs.getString("req_type"));
                    if (list != null) {
                        double working = workingDays.between(rs.getTimestamp("created_at").toLocalDateTime(),
                                rs.getTimestamp("ended_at").toLocalDateTime());
                        list.add(Math.max(0, working - rs.getLong("wait_ms") / (double) Duration.ofDays(1).toMillis()));
                    }
                }, LifecycleElements.DONE, Timestamp.from(now.minus(WINDOW)), Timestamp.from(now));
        Map<String, UsualDelay> delays = new HashMap<>();
        days.forEach((type, values) -> delays.put(type, new UsualDelay(type, values.size(),
                values.size() < MIN_REQUESTS ? null : median(values))));
        return delays;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * @param requests          requests done in the window
     * @param medianWorkingDays their median time to done in working days; {@code null} when too few
     */
    public record UsualDelay(String type, int requests, Double medianWorkingDays) {

        public boolean measured() {
            return medianWorkingDays != null;
        }

        /** Whole working days for the page (0 = less than one), when measured. */
        public Optional<Long> roundedDays() {
            return measured() ? Optional.of(medianWorkingDays < 1 ? 0L : Math.round(medianWorkingDays)) : Optional.empty();
        }
    }
}
