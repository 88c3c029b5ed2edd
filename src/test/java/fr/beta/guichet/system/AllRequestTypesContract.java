package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.SandboxChat;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.provider.matomo.MatomoFakeApi;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.provider.dimail.fake.DimailFakeApi;
import fr.beta.guichet.provider.mail.MailProvider;
import fr.beta.guichet.provider.ovh.OvhFakeApi;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.provider.sentry.SentryFakeApi;
import fr.beta.guichet.support.Browser;

/**
 * One request of each type, submitted, claimed and confirmed concurrently over HTTP on a real PostgreSQL with the
 * job executor on; then the generated mailbox password is looked for everywhere it must not be: every column of
 * every table, every log line, the chat and the sandbox providers. Run on OVH ({@link AllRequestTypesIT}) and on
 * Dimail ({@link AllRequestTypesOnDimailIT}) as mail provider, each on a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guichet.ovh.application-key=SENTINEL-OVH-AK-7f3a", "guichet.ovh.application-secret=SENTINEL-OVH-AS-7f3a",
        "guichet.ovh.consumer-key=SENTINEL-OVH-CK-7f3a", "guichet.matomo.token=SENTINEL-MATOMO-7f3a",
        "guichet.dockerhub.secret=SENTINEL-DOCKERHUB-7f3a", "guichet.mattermost.token=SENTINEL-MATTERMOST-7f3a",
        // both chats, so that the search covers the Matrix sandbox too
        "guichet.chat=both", "guichet.matrix.access-token=SENTINEL-MATRIX-7f3a",
        "guichet.metrics.scrape-token=SENTINEL-SCRAPE-7f3a", "guichet.sentry.token=SENTINEL-SENTRY-7f3a"})
@ActiveProfiles("it")
@ExtendWith(OutputCaptureExtension.class)
abstract class AllRequestTypesContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern CREATED = Pattern.compile("Votre demande ([A-Z]{3}-\\d{4}-\\d{4}) est enregistrée");
    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired DnsZoneClient dns;
    @Autowired MailProvider mail;
    @Autowired SandboxStore sandboxStore;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;

    @Test
    void oneRequestOfEachTypeGoesFromFormToDoneConcurrently(CapturedOutput output) throws Exception {
        String u = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/demandes/sous-domaine", Map.of("label", "c" + u, "recordType", "CNAME",
                "target", "app.osc-fr1.scalingo.io.", "ttl", "3600", "startup", "Démo", "reason", "Site"));
        forms.put("/demandes/adresse-mail", Map.of("kind", "MAILBOX", "localPart", "prenom.c" + u,
                "startup", "Démo", "reason", "Arrivée"));
        forms.put("/demandes/matomo", Map.of("email", "c" + u + "@example.org", "siteUrl", "https://c" + u + ".beta.gouv.fr",
                "siteName", "Site " + u, "access", "WRITE", "startup", "Démo", "reason", "Statistiques"));
        forms.put("/demandes/docker-hub", Map.of("dockerId", "c" + u, "team", "developers", "startup", "Démo",
                "reason", "Images"));
        forms.put("/demandes/delegation-dns", Map.of("label", "dl" + u, "nameServers",
                "ns1.dl" + u + ".example.org\nns2.dl" + u + ".example.org", "dsRecords",
                "12345 13 2 " + "0123456789ABCDEF".repeat(4), "startup", "Démo", "reason", "Notre zone"));

        forms.put("/demandes/sentry", Map.of("email", "c" + u + "@example.org", "team", "c" + u, "role", "MEMBER",
                "startup", "Démo", "reason", "Erreurs"));

        ExecutorService pool = Executors.newFixedThreadPool(forms.size());
        try {
            List<String> references = all(pool, forms.entrySet().stream().map(form -> (Callable<String>) () -> {
                Browser alice = new Browser(port).login("alice", "demo");
                alice.page(form.getKey());
                assertThat(alice.post(form.getKey(), form.getValue()).statusCode()).isEqualTo(302);
                var created = CREATED.matcher(alice.page("/mes-demandes"));
                assertThat(created.find()).as("flash message with the reference").isTrue();
                return created.group(1);
            }).toList());
            assertThat(references).extracting(r -> r.substring(0, 3)).containsExactly("SUB", "MEL", "MAT", "DCK", "DEL",
                    "SEN");

            // florian holds OVH, Matomo, Docker Hub and Sentry: six sessions claim the six requests at once
            all(pool, references.stream().map(reference -> (Callable<String>) () -> {
                Browser florian = new Browser(port).login("florian", "demo");
                String claim = await().atMost(PATIENCE).until(() -> taskOf(florian.page("/taches"), reference), id -> id != null);
                assertThat(florian.post("/taches/" + claim + "/prendre", Map.of()).statusCode()).isEqualTo(302);
                String confirm = await().atMost(PATIENCE).until(() -> taskOf(florian.page("/taches"), reference),
                        id -> id != null && !id.equals(claim));
                florian.page("/taches/" + confirm);
                assertThat(florian.post("/taches/" + confirm + "/confirmer", Map.of()).statusCode()).isEqualTo(302);
                return reference;
            }).toList());
        } finally {
            pool.shutdownNow();
        }

        Browser alice = new Browser(port).login("alice", "demo");
        for (String reference : referencesOf(alice)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alice.page("/mes-demandes/" + reference))
                    .contains("Traitée par florian"));
        }
        assertThat(dns.findRecords("beta.gouv.fr", "c" + u, null)).hasSize(1);
        assertThat(mail.isTaken("prenom.c" + u)).as("the mailbox at " + mail.label()).isTrue();
        assertThat(dns.findRecords("beta.gouv.fr", "dl" + u, null)).extracting(r -> r.fieldType().name())
                .containsExactlyInAnyOrder("NS", "NS", "DS");
        assertThat(fake(MatomoFakeApi.class).users()).anyMatch(user -> user.email().equals("c" + u + "@example.org")
                && user.access().containsValue("write"));
        assertThat(fake(DockerHubFakeApi.class).invites())
                .anyMatch(i -> i.invitee().equals("c" + u) && i.team().equals("developers"));
        SentryFakeApi sentry = transports.sandboxFakes().stream().filter(SentryFakeApi.class::isInstance)
                .map(SentryFakeApi.class::cast).findFirst().orElseThrow();
        assertThat(sentry.membersWithEmail("c" + u + "@example.org")).isEqualTo(1);
        assertThat(sentry.teamRole("c" + u + "@example.org", "c" + u)).contains("contributor");

        String mailbox = referencesOf(alice).stream().filter(r -> r.startsWith("MEL")).findFirst().orElseThrow();
        String detail = alice.page("/mes-demandes/" + mailbox);
        assertThat(detail).contains("Afficher le mot de passe");
        alice.page("/mes-demandes/" + mailbox);
        var shown = alice.post("/mes-demandes/" + mailbox + "/mot-de-passe", Map.of());
        assertThat(shown.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        var secret = SECRET.matcher(shown.body());
        assertThat(secret.find()).as("password shown once").isTrue();
        String password = secret.group(1);
        assertThat(password).hasSize(passwordLength());
        alice.page("/mes-demandes/" + mailbox);
        assertThat(alice.post("/mes-demandes/" + mailbox + "/mot-de-passe", Map.of()).body())
                .contains("a déjà été affiché").doesNotContain(password);

        assertThat(tablesContaining(password)).as("tables holding the password").isEmpty();
        assertThat(output.getAll()).as("logs").doesNotContain(password);
        // provider credentials (sentinels here) never reach a table, a log line or a page
        assertThat(tablesContaining("SENTINEL-")).as("tables holding a credential").isEmpty();
        assertThat(output.getAll()).as("logs").doesNotContain("SENTINEL-");
        assertThat(alice.get("/actuator/env").statusCode()).as("no environment endpoint").isIn(403, 404);
        assertThat(alice.page("/bac-a-sable")).doesNotContain("SENTINEL-");
        assertThat(sandboxStore.listAll(OvhFakeApi.API)).as("the sandbox OVH").isNotEmpty()
                .noneMatch(doc -> doc.body().toString().contains(password));
        assertThat(sandboxStore.listAll(DimailFakeApi.API)).as("the sandbox Dimail")
                .noneMatch(doc -> doc.body().toString().contains(password));
        List<SandboxChat> chats = new ChatProbe(transports, identities).chats();
        assertThat(chats).extracting(SandboxChat::chat).containsExactly("mattermost", "matrix");
        for (SandboxChat chat : chats) {
            assertThat(chat.threads()).as(chat.chat()).allSatisfy(t -> {
                assertThat(t.message()).doesNotContain(password).doesNotContain("SENTINEL-");
                assertThat(t.replies()).noneMatch(r -> r.message().contains(password) || r.message().contains("SENTINEL-"));
            });
            assertThat(chat.threads()).as(chat.chat()).filteredOn(t -> references(t.message(), referencesOf(alice)))
                    .hasSize(6).allMatch(t -> t.reactions().contains("white_check_mark"));
        }
    }

    /** The length of the mailbox password handed over: generated here for OVH (20). */
    protected int passwordLength() {
        return 20;
    }

    /** A provider's fake in sandbox mode, its state in this PostgreSQL database. */
    private <F> F fake(Class<F> type) {
        return transports.sandboxFakes().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static boolean references(String message, List<String> references) {
        return references.stream().anyMatch(message::contains);
    }

    private List<String> referencesOf(Browser requester) {
        var matcher = Pattern.compile("data-reference=\"([A-Z]{3}-\\d{4}-\\d{4})\"").matcher(requester.page("/mes-demandes"));
        List<String> references = new ArrayList<>();
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }

    /** Every text and binary column of every table of the database, searched for the text. */
    private List<String> tablesContaining(String text) {
        var columns = jdbc.queryForList("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying', 'bytea')""");
        assertThat(columns).hasSizeGreaterThan(50);
        List<String> hits = new ArrayList<>();
        for (var column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String condition = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(?, 'UTF8') in \"" + name + "\") > 0"
                    : "position(? in \"" + name + "\") > 0";
            Integer count = jdbc.queryForObject("select count(*) from \"" + table + "\" where " + condition,
                    Integer.class, text);
            if (count != null && count > 0) {
                hits.add(table + "." + name);
            }
        }
        return hits;
    }

    private static String taskOf(String taskList, String reference) {
        var row = Pattern.compile("data-reference=\"" + reference + "\" data-task=\"([^\"]+)\"").matcher(taskList);
        return row.find() ? row.group(1) : null;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        List<Future<T>> futures = pool.invokeAll(calls);
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
