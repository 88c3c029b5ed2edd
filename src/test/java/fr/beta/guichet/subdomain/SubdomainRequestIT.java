package fr.beta.guichet.subdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.provider.ovh.DnsRecordType;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.support.Browser;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * The whole application on a real PostgreSQL with the job executor on, driven over HTTP as people would: a
 * requester submits, an ops-ovh admin claims, the engine executes, the admin confirms, the requester sees it done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class SubdomainRequestIT {

    private static final Pattern REFERENCE = Pattern.compile("SUB-\\d{4}-\\d{4}");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "subdomain_it");
    }

    @LocalServerPort int port;
    @Autowired DnsZoneClient dns;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;
    @Autowired JdbcTemplate jdbc;

    @Test
    void requesterToAdminToDoneOverHttpOnPostgres() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        String label = "it" + UUID.randomUUID().toString().substring(0, 8);

        Browser alice = new Browser(port).login("alice", "demo");
        alice.page("/demandes/sous-domaine");
        var created = alice.post("/demandes/sous-domaine", Map.of("label", label, "recordType", "CNAME",
                "target", "monsite.osc-fr1.scalingo.io.", "ttl", "3600", "startup", "Démo", "reason", "Mise en ligne"));
        assertThat(created.statusCode()).isEqualTo(302);
        String myRequests = alice.page("/mes-demandes");
        var matcher = REFERENCE.matcher(myRequests);
        assertThat(matcher.find()).as("reference shown on Mes demandes").isTrue();
        String reference = matcher.group();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alice.page("/mes-demandes/" + reference))
                .contains("En attente de prise en charge"));

        Browser florian = new Browser(port).login("florian", "demo");
        String claimTask = await().atMost(PATIENCE).until(() -> taskOf(florian.page("/taches"), reference), id -> id != null);
        var taken = florian.post("/taches/" + claimTask + "/prendre", Map.of());
        assertThat(taken.statusCode()).isEqualTo(302);
        assertThat(florian.page("/taches")).contains("Vous avez pris la demande " + reference);

        String confirmTask = await().atMost(PATIENCE).until(() -> taskOf(florian.page("/taches"), reference),
                id -> id != null && !id.equals(claimTask));
        assertThat(dns.findRecords("beta.gouv.fr", label, null))
                .singleElement().satisfies(r -> {
                    assertThat(r.fieldType()).isEqualTo(DnsRecordType.CNAME);
                    assertThat(r.target()).isEqualTo("monsite.osc-fr1.scalingo.io.");
                });
        assertThat(florian.page("/taches/" + confirmTask)).contains("Confirmation").contains(label);
        assertThat(florian.post("/taches/" + confirmTask + "/confirmer", Map.of()).statusCode()).isEqualTo(302);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alice.page("/mes-demandes/" + reference))
                .contains("Traitée").contains("Traitée par florian")
                // the end comes after the « fait » notification's own job (✅ and reply in the thread)
                .contains("Demande traitée"));
        String detail = alice.page("/mes-demandes/" + reference);
        assertThat(detail).contains("Annonce sur le canal ops", "Prise en charge", "Exécution automatique",
                "Confirmation", "Demande traitée");

        ChatThread thread = new ChatProbe(transports, identities).thread(postIdOf(reference)).orElseThrow();
        assertThat(thread.message()).contains(reference).contains("@alice");
        assertThat(thread.replyMessages())
                .anySatisfy(m -> assertThat(m).contains("@florian prend la demande"))
                .anySatisfy(m -> assertThat(m).contains("fait"));
        assertThat(thread.reactions()).contains("white_check_mark");

        // the form data is one JSON variable (Spin), not a Java-serialized object
        assertThat(jdbc.queryForObject("""
                select v.var_type_ || ':' || v.text2_ from act_hi_varinst v
                join act_hi_procinst p on p.id_ = v.proc_inst_id_
                where p.business_key_ = ? and v.name_ = ?""", String.class, reference, RequestVariables.REQUEST.name()))
                .isEqualTo("spin://application/json:" + SubdomainRequest.class.getName());

        Browser bob = new Browser(port).login("bob", "demo");
        assertThat(bob.get("/mes-demandes/" + reference).statusCode()).isEqualTo(404);
        assertThat(bob.get("/taches").statusCode()).isEqualTo(403);
    }

    private String postIdOf(String reference) {
        return jdbc.queryForObject("""
                select v.text_ from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_
                where p.business_key_ = ? and v.name_ = ?""", String.class, reference,
                RequestVariables.MATTERMOST_POST_ID.name());
    }

    /** The id of the task row of this request in the task list, if any. */
    private static String taskOf(String taskList, String reference) {
        var row = Pattern.compile("data-reference=\"" + reference + "\" data-task=\"([^\"]+)\"").matcher(taskList);
        return row.find() ? row.group(1) : null;
    }
}
