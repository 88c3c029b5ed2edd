package fr.beta.guichet.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar ({@code mvn package} output in {@code target/}) started as its own process, like the container's
 * entrypoint: {@code java -jar}, a fresh working directory, and nothing but the environment variables given (not
 * even the test JVM's), its output kept in {@code target/prod-smoke/<name>.log}.
 */
final class ProductionJar implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ProductionJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The one runnable jar in {@code target/}, as the image's {@code COPY --from=build target/guichet-ops-*.jar}. */
    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("guichet-ops-.*\\.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one packaged jar in target/ (run mvn package), found " + jars);
            }
            return jars.get(0).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar with exactly {@code environment} (plus {@code PORT}) as its environment. */
    static ProductionJar start(String name, Map<String, String> environment) {
        int port = freePort();
        try {
            Path dir = Files.createDirectories(Path.of("target", "prod-smoke").toAbsolutePath());
            Path workDir = Files.createTempDirectory(dir, name + "-");
            Path log = dir.resolve(name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var builder = new ProcessBuilder(java, "-Xmx768m", "-jar", jar().toString())
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().put("PORT", Integer.toString(port));
            return new ProductionJar(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the packaged jar", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end on its own; its exit code, or -1 if it still runs after {@code atMost}. */
    int awaitExit(Duration atMost) throws InterruptedException {
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The last lines of the output, for a failure message. */
    String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** SIGTERM, as {@code docker stop} sends: a graceful shutdown; killed if it is still there after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
