package fr.beta.guichet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.Browser;

/**
 * Closed-loop load: each requester (own session, own connection) posts the subdomain start form, waits for the
 * answer, posts again. Requests sent after the warm-up count for latency and errors, however late they are
 * answered; throughput counts the successful answers within the window. An answer other than the redirect to « Mes
 * demandes » is an error.
 */
final class StartLoad {

    private StartLoad() {
    }

    static Map<String, Object> run(List<Browser> users, int warmupSeconds, int seconds, AtomicInteger sequence,
            int level) throws InterruptedException {
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger okInWindow = new AtomicInteger();
        Map<String, Integer> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(users.size());
        for (Browser user : users) {
            long[] mine = new long[200_000];
            int[] count = {0};
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        SubdomainRequest request = GuichetBenchmark.subdomainOf(sequence.incrementAndGet());
                        String outcome;
                        try {
                            var response = user.post("/demandes/sous-domaine", Map.of("label", request.label(),
                                    "recordType", request.recordType().name(), "target", request.target(),
                                    "ttl", String.valueOf(request.ttl()), "startup", request.startup(),
                                    "reason", request.reason()));
                            outcome = response.statusCode() == 302 && response.headers().firstValue("Location")
                                    .orElse("").endsWith("/mes-demandes") ? null : "HTTP " + response.statusCode();
                        } catch (Throwable e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        // every request sent in the window counts, however late its answer (a stalled server
                        // must show as latency and errors, not as silence); throughput counts those answered in it
                        if (t0 >= warmupEnd) {
                            if (count[0] < mine.length) {
                                mine[count[0]++] = t1 - t0;
                            }
                            if (outcome == null) {
                                ok.incrementAndGet();
                                if (t1 <= end) {
                                    okInWindow.incrementAndGet();
                                }
                            } else {
                                errors.incrementAndGet();
                                errorKinds.merge(outcome, 1, Integer::sum);
                            }
                        }
                    }
                } finally {
                    mine[mine.length - 1] = count[0];
                    done.countDown();
                }
            }, "bench-user-" + latencies.size());
            thread.start();
        }
        // CPU of the measured window only (after the warm-up)
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        CpuMeter cpu = CpuMeter.start();
        done.await();
        Map<String, Object> cpuUse = cpu.per(ok.get() + errors.get());
        List<Long> all = new ArrayList<>();
        for (long[] mine : latencies) {
            int n = (int) mine[mine.length - 1];
            for (int i = 0; i < n; i++) {
                all.add(mine[i]);
            }
        }
        Map<String, Object> level0 = new LinkedHashMap<>();
        level0.put("users", level);
        level0.put("seconds", seconds);
        level0.put("requests", ok.get());
        level0.put("requestsPerSecond", GuichetBenchmark.round(okInWindow.get() / (double) seconds));
        level0.putAll(Latencies.summary(all));
        level0.put("errors", errors.get());
        level0.put("errorKinds", errorKinds);
        level0.put("cpu", cpuUse);
        return level0;
    }
}
