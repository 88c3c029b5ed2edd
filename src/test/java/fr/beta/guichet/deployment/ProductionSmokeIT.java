package fr.beta.guichet.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.reliability.LiveProviderFakes;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * The production path without Docker: the packaged jar started as the container starts it ({@code java -jar},
 * profile {@code prod}, environment variables only) on PostgreSQL, every provider live against local HTTP fakes.
 * The first admin (from {@code GUICHET_ADMIN_USER}/{@code GUICHET_ADMIN_PASSWORD}) logs in and creates a requester
 * and an OVH access holder through the REST API Camunda Admin uses; the requester submits a subdomain request, the
 * holder claims it, the engine creates the record at the OVH fake and posts in the Mattermost fake, the holder
 * confirms, the requester sees it done — all over HTTP. Health: UP, liveness and readiness groups. Then the same
 * jar without one mandatory variable stops at startup naming it.
 */
class ProductionSmokeIT {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern REFERENCE = Pattern.compile("SUB-\\d{4}-\\d{4}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "premier.admin";
    private static final String ADMIN_PASSWORD = "Admin-" + UUID.randomUUID();

    private static LiveProviderFakes fakes;

    @BeforeAll
    static void startFakes() {
        fakes = new LiveProviderFakes();
    }

    @AfterAll
    static void stopFakes() {
        if (fakes != null) {
            fakes.close();
        }
    }

    /** What the container gets from docker-compose.yml, with the database and providers of this test. */
    private static Map<String, String> productionEnvironment(String database) {
        var env = new LinkedHashMap<String, String>();
        env.put("SPRING_PROFILES_ACTIVE", "prod");
        env.put("DB_URL", EmbeddedPostgresDatabase.jdbcUrl(database));
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "unused-by-the-embedded-server");
        env.put("GUICHET_ADMIN_USER", ADMIN);
        env.put("GUICHET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GUICHET_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        env.put("GUICHET_DNS_ZONE", "beta.gouv.fr");
        env.put("GUICHET_MAIL_DOMAIN", "beta.gouv.fr");
        env.put("GUICHET_PROMETHEUS_TOKEN", "");
        env.putAll(fakes.environment());
        return env;
    }

    @Test
    void packagedJarInProdProfileServesARequestFromSubmissionToDone() throws Exception {
        try (ProductionJar app = ProductionJar.start("prod", productionEnvironment("prod_smoke_it"))) {
            awaitReady(app);
            int port = app.port;

            // the first admin logs in, with the app's login, into the app and Camunda Admin
            WebClient admin = new WebClient(port).login(ADMIN, ADMIN_PASSWORD);
            assertThat(admin.setCookieHeaders()).as("session cookie in prod")
                    .anySatisfy(c -> assertThat(c).startsWith("SESSION=").contains("HttpOnly").contains("Secure"));
            assertThat(admin.get("/camunda/app/admin/default/").statusCode()).isEqualTo(200);
            var me = admin.getJson("/camunda/api/admin/auth/user/default");
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(JSON.readTree(me.body()).path("userId").asText()).isEqualTo(ADMIN);

            // ... and creates a requester and an OVH access holder over Camunda's REST API (engine-rest)
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            String requester = "demandeur." + suffix;
            String holder = "ops." + suffix;
            createUser(port, requester, "Dominique", "Demandeur");
            createUser(port, holder, "Camille", "Opérations");
            var membership = WebClient.basic(port, "PUT", "/engine-rest/group/ops-ovh/members/" + holder, ADMIN,
                    ADMIN_PASSWORD, null);
            assertThat(membership.statusCode()).as(membership.body()).isEqualTo(204);

            // the requester submits a subdomain request
            String label = "smoke" + suffix;
            WebClient person = new WebClient(port).login(requester, "Secret-" + requester);
            person.page("/demandes/sous-domaine");
            var created = person.post("/demandes/sous-domaine", Map.of("label", label, "recordType", "CNAME",
                    "target", "monsite.osc-fr1.scalingo.io.", "ttl", "3600", "startup", "Démo",
                    "reason", "Essai de production"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
            var matcher = REFERENCE.matcher(person.page("/mes-demandes"));
            assertThat(matcher.find()).as("reference on Mes demandes").isTrue();
            String reference = matcher.group();

            // the holder claims it; the engine creates the record at OVH; the holder confirms
            WebClient ops = new WebClient(port).login(holder, "Secret-" + holder);
            String claim = await().atMost(PATIENCE).until(() -> taskOf(ops.page("/taches"), reference),
                    id -> id != null);
            assertThat(ops.post("/taches/" + claim + "/prendre", Map.of()).statusCode()).isEqualTo(302);
            String confirm = await().atMost(PATIENCE).until(() -> taskOf(ops.page("/taches"), reference),
                    id -> id != null && !id.equals(claim));
            assertThat(fakes.dnsRecords()).filteredOn(r -> r.subDomain().equals(label)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.zone()).isEqualTo("beta.gouv.fr");
                        assertThat(r.fieldType()).isEqualTo("CNAME");
                        assertThat(r.target()).isEqualTo("monsite.osc-fr1.scalingo.io.");
                    });
            assertThat(fakes.badlySignedOvhCalls()).as("OVH calls with a bad signature").isZero();
            assertThat(ops.post("/taches/" + confirm + "/confirmer", Map.of()).statusCode()).isEqualTo(302);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(person.page("/mes-demandes/" + reference))
                    .contains("Traitée par " + holder));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(fakes.chatMessages())
                    // people without a chat identity are named, not mentioned: their full name shows
                    .anySatisfy(m -> assertThat(m).contains("Nouvelle demande **" + reference + "**"))
                    .anySatisfy(m -> assertThat(m).contains("prend la demande"))
                    .anySatisfy(m -> assertThat(m).contains("fait (par ")));

            // health, as the container and a load balancer ask it
            assertThat(health(port, "/actuator/health").path("status").asText()).isEqualTo("UP");
            JsonNode readiness = health(port, "/actuator/health/readiness");
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("jobAcquisition").path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("db").has("details")).as("no details to anyone").isFalse();
            assertThat(health(port, "/actuator/health/liveness").path("status").asText()).isEqualTo("UP");
            assertThat(app.isAlive()).isTrue();
            assertThat(app.output()).as("the first admin's password is never logged").doesNotContain(ADMIN_PASSWORD);
        }
    }

    @Test
    void aMissingMandatoryVariableStopsTheStartWithItsName() throws Exception {
        var env = productionEnvironment("prod_smoke_missing_it");
        env.remove("GUICHET_ADMIN_PASSWORD");
        try (ProductionJar app = ProductionJar.start("prod-missing-variable", env)) {
            int exit = app.awaitExit(STARTUP);
            assertThat(exit).as("exit code; output:\n" + app.tail()).isPositive();
            assertThat(app.output()).contains("APPLICATION FAILED TO START")
                    .contains("Missing environment variable(s) for the prod profile: GUICHET_ADMIN_PASSWORD");
        }
    }

    private static void createUser(int port, String id, String firstName, String lastName) throws Exception {
        var body = Map.of("profile", Map.of("id", id, "firstName", firstName, "lastName", lastName,
                "email", id + "@beta.gouv.fr"), "credentials", Map.of("password", "Secret-" + id));
        var response = WebClient.basic(port, "POST", "/engine-rest/user/create", ADMIN, ADMIN_PASSWORD,
                JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static JsonNode health(int port, String path) throws Exception {
        var response = WebClient.anonymous(port, path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitReady(ProductionJar app) {
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).failFast("the app stopped", () -> !app.isAlive())
                    .ignoreExceptions()
                    .until(() -> WebClient.anonymous(app.port, "/actuator/health/readiness").statusCode() == 200);
        } catch (RuntimeException e) {
            throw new AssertionError("the packaged app did not become ready: " + e.getMessage() + "\n" + app.tail(), e);
        }
    }

    /** The id of the task row of this request in the task list, if any. */
    private static String taskOf(String taskList, String reference) {
        var row = Pattern.compile("data-reference=\"" + reference + "\" data-task=\"([^\"]+)\"").matcher(taskList);
        return row.find() ? row.group(1) : null;
    }
}
