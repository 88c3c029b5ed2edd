package fr.beta.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a benchmark's flight recording ({@code BENCH_JFR=1 bench/run label}) into the profile the README
 * quotes: CPU samples per thread pool (Tomcat's request threads, Camunda's job executor), then, per pool, the share
 * of samples spent inside each unit of work we can name (our classes, Camunda commands and delegates, history,
 * authorization checks, serialization, SQL, templates, validation), and the top packages on CPU.
 * <p>
 * {@code java -cp <test classpath> fr.beta.guichet.bench.JfrHotMethods target/bench-label.jfr out.md}
 */
public final class JfrHotMethods {

    /** Frames that name a unit of work; everything else (filters, interceptors, proxies) is plumbing. */
    private static final Pattern WORK = Pattern.compile(String.join("|", List.of(
            "^fr\\.beta\\.guichet\\.(?!.*\\$\\$)[\\w.]+\\.(execute|start|next|check|describe|reply|post|mentions|of"
                    + "|groupsOf|page|views|requestsOf|byProcessInstance|timeline|submit|list|read|fileOnce)$",
            "^org\\.camunda\\.bpm\\.engine\\.impl\\.cmd\\.\\w+Cmd\\.execute$",
            "\\.DbSqlSession\\.flush$", "\\.DbSqlSession\\.selectList$", "\\.DbSqlSession\\.selectOne$",
            "\\.HistoryEventProcessor\\.processHistoryEvents$", "\\.AuthorizationManager\\.\\w+$",
            "\\.DefaultAuthorizationProvider\\.\\w+$", "\\.TimerDeclarationImpl\\.resolveAndSetDuedate$",
            "javax\\.xml\\.datatype\\.DatatypeFactory\\.newInstance$", "Serializer\\.(serialize|deserialize)\\w*$",
            "\\.TemplateEngine\\.process$", "\\.ValidatorImpl\\.validate$", "\\.PgPreparedStatement\\.execute\\w*$",
            "\\.HikariPool\\.getConnection$", "\\.CsrfFilter\\.doFilterInternal$", "ch\\.qos\\.logback\\.classic\\.Logger\\.info$",
            "\\.BCryptPasswordEncoder\\.\\w+$", "\\.Sha512HashDigest\\.\\w+$")));
    private static final Map<String, String> POOLS = Map.of("http-nio", "Tomcat request threads",
            "camundaTaskExecutor", "Camunda job executor", "JobExecutor", "Camunda job acquisition");

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        Map<String, Map<String, Integer>> work = new HashMap<>();
        Map<String, Map<String, Integer>> selfPackages = new HashMap<>();
        Map<String, Integer> samplesPerPool = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            total++;
            String thread = event.getThread("sampledThread") == null ? "?"
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            String pool = POOLS.entrySet().stream().filter(e -> thread.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse("other threads (load generator, JIT, GC, startup)");
            samplesPerPool.merge(pool, 1, Integer::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            String top = frames.get(0).getMethod().getType().getName();
            String pkg = String.join(".", List.of(top.split("\\.")).subList(0, Math.min(3, top.split("\\.").length)));
            selfPackages.computeIfAbsent(pool, k -> new HashMap<>()).merge(pkg, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (WORK.matcher(method).find() && seen.add(method)) {
                    work.computeIfAbsent(pool, k -> new HashMap<>()).merge(method, 1, Integer::sum);
                }
            }
        }
        StringBuilder md = new StringBuilder("# CPU profile: " + recording.getFileName() + "\n\n" + total
                + " CPU samples (JFR execution samples: threads on CPU only, waits on PostgreSQL not included).\n\n"
                + "| threads | samples | share |\n|---|---:|---:|\n");
        int all = Math.max(1, total);
        samplesPerPool.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ")
                        .append(Math.round(100.0 * e.getValue() / all)).append(" % |\n"));
        for (String pool : List.of("Tomcat request threads", "Camunda job executor")) {
            Integer poolSamples = samplesPerPool.get(pool);
            if (poolSamples == null) {
                continue;
            }
            md.append("\n## ").append(pool).append(": units of work (inclusive; nested units overlap)\n\n")
                    .append("| method | samples | share of these threads |\n|---|---:|---:|\n");
            work.getOrDefault(pool, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30)
                    .forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                            .append(Math.round(100.0 * e.getValue() / poolSamples)).append(" % |\n"));
            md.append("\n").append(pool).append(": packages on CPU (self)\n\n| package | share |\n|---|---:|\n");
            selfPackages.get(pool).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(10).forEach(e -> md.append("| ").append(e.getKey()).append(" | ")
                            .append(Math.round(100.0 * e.getValue() / poolSamples)).append(" % |\n"));
        }
        Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
        Files.writeString(Path.of(args[1]), md.toString());
    }
}
