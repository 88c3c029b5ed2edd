package fr.beta.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a benchmark's flight recording ({@code BENCH_JFR=1 bench/run label}): CPU samples per thread pool
 * (Tomcat's request threads, Camunda's job executor), the hottest methods by inclusive samples, limited to the
 * layers we can act on (our code, Camunda, Spring, Thymeleaf, MyBatis, the JDBC driver, Hikari).
 * <p>
 * {@code java -cp <test classpath> fr.beta.guichet.bench.JfrHotMethods target/bench-label.jfr out.md}
 */
public final class JfrHotMethods {

    private static final List<String> LAYERS = List.of("fr.beta.guichet.", "org.camunda.", "org.springframework.",
            "org.thymeleaf.", "org.apache.ibatis.", "org.postgresql.", "com.zaxxer.hikari.", "com.fasterxml.");
    private static final Map<String, String> POOLS = Map.of("http-nio", "Tomcat request threads",
            "camundaTaskExecutor", "Camunda job executor", "JobExecutor", "Camunda job acquisition");

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        Map<String, Map<String, Integer>> inclusive = new HashMap<>();
        Map<String, Integer> samplesPerPool = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = event.getThread("sampledThread") == null ? "?"
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            String pool = POOLS.entrySet().stream().filter(e -> thread.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse("other threads");
            samplesPerPool.merge(pool, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (LAYERS.stream().anyMatch(type::startsWith)) {
                    String method = type + "." + frame.getMethod().getName();
                    if (seen.add(method)) {
                        inclusive.computeIfAbsent(pool, k -> new HashMap<>()).merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("# CPU profile: " + recording.getFileName() + "\n\n" + total
                + " execution samples (JFR, 20 ms period).\n\n| threads | samples | share |\n|---|---:|---:|\n");
        int all = Math.max(1, total);
        samplesPerPool.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ")
                        .append(Math.round(100.0 * e.getValue() / all)).append(" % |\n"));
        for (var pool : inclusive.entrySet()) {
            int poolSamples = samplesPerPool.get(pool.getKey());
            md.append("\n## ").append(pool.getKey()).append(": hottest methods (inclusive)\n\n")
                    .append("| method | samples | share of these threads |\n|---|---:|---:|\n");
            pool.getValue().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(40).forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(e.getValue())
                            .append(" | ").append(Math.round(100.0 * e.getValue() / poolSamples)).append(" % |\n"));
        }
        Files.writeString(Path.of(args[1]), md.toString());
    }
}
