package fr.beta.guichet.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} checked without a Docker engine: Debian's {@code docker-compose config} (package
 * {@code docker-compose}, installed by {@code .ci/run}) interpolates and validates it, in an empty folder holding
 * only that file and with nothing but the given variables in its environment (no {@code .env} is read).
 */
class ComposeFileTests {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[-?])?([^}]*)}");
    /** The variables without which the stack cannot start: compose refuses to run without them. */
    private static final Set<String> MANDATORY = Set.of("DB_PASSWORD", "GUICHET_ADMIN_USER", "GUICHET_ADMIN_PASSWORD",
            "GUICHET_SECRET_KEY");

    private static String dockerCompose;

    @TempDir Path folder;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "docker-compose")).filter(Files::isExecutable).map(Path::toString)
                .findFirst().orElseThrow(() -> new AssertionError(
                        "docker-compose not found: apt-get install docker-compose (.ci/run does it)"));
    }

    /** What an operator sets: the mandatory variables and every documented one. */
    private static Map<String, String> documentedVariables() {
        var env = new LinkedHashMap<String, String>();
        env.put("DB_PASSWORD", "db-secret");
        env.put("GUICHET_ADMIN_USER", "premier.admin");
        env.put("GUICHET_ADMIN_PASSWORD", "admin-secret");
        env.put("GUICHET_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        env.put("OVH_APPLICATION_KEY", "ak");
        env.put("OVH_APPLICATION_SECRET", "as");
        env.put("OVH_CONSUMER_KEY", "ck");
        env.put("MATTERMOST_URL", "https://mattermost.incubateur.net");
        env.put("MATTERMOST_TOKEN", "mm-token");
        env.put("MATTERMOST_CHANNEL_ID", "channel0000000000000000000");
        env.put("MATOMO_URL", "https://stats.beta.gouv.fr");
        env.put("MATOMO_TOKEN", "matomo-token");
        env.put("DOCKERHUB_IDENTIFIER", "bot");
        env.put("DOCKERHUB_TOKEN", "dckr_pat_x");
        env.put("GUICHET_REMINDER_AFTER", "PT12H");
        env.put("PORT", "8181");
        return env;
    }

    record Result(int exit, String out, String err) {
    }

    private Result config(Map<String, String> variables) throws IOException, InterruptedException {
        Files.copy(COMPOSE_FILE, folder.resolve("docker-compose.yml"));
        var builder = new ProcessBuilder(dockerCompose, "--project-directory", folder.toString(), "-f",
                folder.resolve("docker-compose.yml").toString(), "config").directory(folder.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("HOME", folder.toString());
        builder.environment().putAll(variables);
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void validWithTheDocumentedVariablesAndTheyReachTheApp() throws Exception {
        Result result = config(documentedVariables());
        assertThat(result.exit()).as(result.err()).isZero();

        Map<String, Object> compose = new Yaml().load(result.out());
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("db", "app");
        var app = services.get("app");
        var env = (Map<String, Object>) app.get("environment");
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsEntry("DB_URL", "jdbc:postgresql://db:5432/guichet")
                .containsEntry("DB_PASSWORD", "db-secret")
                .containsEntry("GUICHET_ADMIN_USER", "premier.admin")
                .containsEntry("GUICHET_ADMIN_PASSWORD", "admin-secret")
                .containsEntry("GUICHET_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
                .containsEntry("OVH_APPLICATION_SECRET", "as")
                .containsEntry("MATTERMOST_TOKEN", "mm-token")
                .containsEntry("GUICHET_REMINDER_AFTER", "PT12H")
                // defaults for what was not set
                .containsEntry("OVH_MODE", "live").containsEntry("GUICHET_MANAGERS_AFTER", "PT48H");
        var db = (Map<String, Object>) services.get("db").get("environment");
        assertThat(db).containsEntry("POSTGRES_PASSWORD", "db-secret");
        assertThat(((Map<String, Object>) app.get("build")).get("context")).hasToString(folder.toString());
        assertThat(app.get("ports").toString()).contains("8181").contains("8080");
        assertThat(app.get("depends_on").toString()).contains("service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "GUICHET_ADMIN_USER", "GUICHET_ADMIN_PASSWORD", "GUICHET_SECRET_KEY"})
    void refusedWithAClearMessageWhenAMandatoryVariableIsMissing(String variable) throws Exception {
        var env = documentedVariables();
        env.remove(variable);
        Result result = config(env);
        assertThat(result.exit()).as(result.out()).isNotZero();
        assertThat(result.err()).contains("set " + variable);
    }

    @Test
    void theMandatoryVariablesAreExactlyTheOnesComposeRequires() throws Exception {
        Set<String> required = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(COMPOSE_FILE));
        while (m.find()) {
            if (":?".equals(m.group(2)) || "?".equals(m.group(2))) {
                required.add(m.group(1));
            }
        }
        assertThat(required).isEqualTo(new TreeSet<>(MANDATORY));
    }

    @Test
    void everyVariableOfTheComposeFileIsDocumentedInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> undocumented = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(COMPOSE_FILE));
        while (m.find()) {
            if (!readme.contains("`" + m.group(1) + "`")) {
                undocumented.add(m.group(1));
            }
        }
        assertThat(undocumented).as("variables of docker-compose.yml missing from the README").isEmpty();
    }
}
