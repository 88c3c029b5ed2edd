package fr.beta.guichet.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image build proved without a Docker engine. The {@code Dockerfile}'s build stage is read: what it copies
 * (minus what {@code .dockerignore} keeps out of the context) goes into an empty folder, and its Maven command is
 * run there; the jar it leaves is the one the runtime stage copies. A path the build needs and the
 * {@code Dockerfile} forgets makes this fail, as the second test shows by leaving {@code frontend/} out.
 * The build stage installs Node.js/npm from the distribution's packages and runs CI's Maven command, tests skipped.
 */
class ImageContextIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/image-context");

    record Copy(List<String> sources, String destination) {
    }

    /** The build stage: its COPY instructions (from the context) and RUN commands. */
    record BuildStage(List<Copy> copies, List<String> runs, String runtimeJarGlob) {
    }

    private static BuildStage stage;
    private static List<String> ignored;

    @BeforeAll
    static void readDockerfile() throws IOException {
        stage = parse(Files.readString(ROOT.resolve("Dockerfile")));
        ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theFilesTheDockerfileCopiesAreEnoughToBuildTheJar() throws Exception {
        // Node.js/npm from the distribution (no plugin downloads Node), CI's Maven command with tests skipped
        assertThat(stage.runs()).anySatisfy(run -> assertThat(run).startsWith("apt-get update")
                .containsPattern("apt-get install .*\\bnodejs\\b").containsPattern("\\bnpm\\b"));
        assertThat(mavenCommand()).isEqualTo(ciMavenCommand() + " -DskipTests");

        Path context = copyContext("complete", stage.copies());
        // the context never carries local state or build output
        try (Stream<Path> all = Files.walk(context)) {
            assertThat(all.map(context::relativize).map(Path::toString))
                    .noneMatch(p -> p.matches("(.*/)?(node_modules|target|data)(/.*)?"));
        }
        Build build = runMaven(context, "complete");
        assertThat(build.exit()).as("exit of `" + mavenCommand() + "` in the image context; log: " + build.log())
                .isZero();

        // the runtime stage's COPY --from=build finds exactly one jar, and it holds what the app serves
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + stage.runtimeJarGlob());
        List<Path> jars;
        try (Stream<Path> files = Files.list(context.resolve("target"))) {
            jars = files.filter(p -> glob.matches(Path.of("/src").resolve(context.relativize(p)))).toList();
        }
        assertThat(jars).hasSize(1);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            for (String entry : List.of("BOOT-INF/classes/static/vendor/dsfr/dsfr.min.css",
                    "BOOT-INF/classes/static/vendor/chartjs/chart.umd.min.js",
                    "BOOT-INF/classes/bpmn/lifecycle/request-lifecycle.bpmn", "BOOT-INF/classes/forms/",
                    "BOOT-INF/classes/db/migration/V10__spring_session.sql",
                    "BOOT-INF/classes/application-prod.yaml")) {
                assertThat(jar.getEntry(entry)).as(entry).isNotNull();
            }
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo("fr.beta.guichet.GuichetApplication");
        }
    }

    @Test
    void aDockerfileThatForgetsFrontendFailsThisCheck() throws Exception {
        List<Copy> withoutFrontend = stage.copies().stream()
                .filter(c -> c.sources().stream().noneMatch(s -> s.startsWith("frontend"))).toList();
        assertThat(withoutFrontend).as("the Dockerfile copies frontend/").hasSize(stage.copies().size() - 1);

        Path context = copyContext("without-frontend", withoutFrontend);
        Build build = runMaven(context, "without-frontend");
        assertThat(build.exit()).as("the build must fail without frontend/").isNotZero();
        // it stops at the front-end step: npm ci finds no package-lock.json to install from
        assertThat(Files.readString(build.log())).contains(":exec (npm-ci) @ guichet-ops")
                .contains("package-lock.json").contains("BUILD FAILURE");
    }

    // --- the Dockerfile ------------------------------------------------------------------------------------

    static BuildStage parse(String dockerfile) {
        // join continuation lines, drop comments
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            instructions.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        List<Copy> copies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        String runtimeJar = null;
        int stages = 0;
        for (String instruction : instructions) {
            String[] words = instruction.split(" ");
            switch (words[0].toUpperCase()) {
                case "FROM" -> stages++;
                case "COPY" -> {
                    if (stages == 1) {
                        assertThat(words[1]).as("build stage copies from the context only").doesNotStartWith("--");
                        copies.add(new Copy(List.of(words).subList(1, words.length - 1), words[words.length - 1]));
                    } else if (words[1].equals("--from=build")) {
                        runtimeJar = words[2];
                    }
                }
                case "RUN" -> {
                    if (stages == 1) {
                        runs.add(instruction.substring(4));
                    }
                }
                default -> {
                    // WORKDIR /src is where the copies land: checked below by the jar's path
                }
            }
        }
        assertThat(runtimeJar).as("runtime stage copies the jar from the build stage").startsWith("/src/target/");
        return new BuildStage(copies, runs, runtimeJar);
    }

    private static String mavenCommand() {
        List<String> maven = stage.runs().stream().filter(r -> r.startsWith("mvn ")).toList();
        assertThat(maven).as("one Maven command in the build stage").hasSize(1);
        return maven.get(0);
    }

    /** The README's test command as .ci/run runs it. */
    private static String ciMavenCommand() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip)
                .filter(l -> l.startsWith("mvn ") && !l.startsWith("mvn -v")).toList();
        assertThat(lines).as(".ci/run's Maven command").hasSize(1);
        return lines.get(0);
    }

    // --- the context ---------------------------------------------------------------------------------------

    private static Path copyContext(String name, List<Copy> copies) throws IOException {
        Path context = WORK.resolve(name);
        deleteRecursively(context);
        Files.createDirectories(context);
        for (Copy copy : copies) {
            for (String source : copy.sources()) {
                Path from = ROOT.resolve(source);
                assertThat(from).as("COPY source " + source).exists();
                Path to = copy.destination().endsWith("/") || copy.sources().size() > 1
                        ? context.resolve(copy.destination()).resolve(from.getFileName())
                        : context.resolve(copy.destination());
                copyTree(from, to);
            }
        }
        return context;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (isIgnored(ROOT.relativize(path))) {
                    continue;
                }
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target);
                }
            }
        }
    }

    /** {@code .dockerignore}: a path is left out when it or one of its parent folders matches a pattern. */
    static boolean isIgnored(Path relative) {
        for (Path p = relative; p != null && !p.toString().isEmpty(); p = p.getParent()) {
            for (String pattern : ignored) {
                String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
                if (matches(glob, p) || (glob.startsWith("**/") && matches(glob.substring(3), p))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String glob, Path path) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(path);
    }

    // --- the build -----------------------------------------------------------------------------------------

    record Build(int exit, Path log) {
    }

    private static Build runMaven(Path context, String name) throws IOException, InterruptedException {
        Path log = WORK.resolve(name + ".log");
        Process process = new ProcessBuilder("bash", "-c", mavenCommand()).directory(context.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the image-context build took more than 10 minutes; log: " + log);
        }
        return new Build(process.exitValue(), log);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
