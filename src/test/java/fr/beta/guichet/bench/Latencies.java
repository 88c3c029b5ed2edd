package fr.beta.guichet.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles (nearest rank) of latencies in nanoseconds, reported in milliseconds. */
final class Latencies {

    private Latencies() {
    }

    static Map<String, Object> summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("p50Ms", ms(percentile(sorted, 50)));
        summary.put("p95Ms", ms(percentile(sorted, 95)));
        summary.put("p99Ms", ms(percentile(sorted, 99)));
        summary.put("maxMs", ms(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
        return summary;
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
