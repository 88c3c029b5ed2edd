package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.provider.SandboxView;
import fr.beta.guichet.support.FaultyTransport;

/** The live OVH clients against {@link OvhFakeApi}, in process: what the sandbox mode and the tests rely on. */
class OvhFakeApiTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final String ZONE = OvhTestApi.ZONE;
    private static final String DOMAIN = OvhTestApi.DOMAIN;
    private static final String PASSWORD = "Tr0ub4dor-et-3";
    private static final Duration DELAY = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemorySandboxStore store = new InMemorySandboxStore(clock);
    private final OvhFakeApi fake = OvhTestApi.fake(store, clock, DELAY);
    private final FaultyTransport faults = new FaultyTransport();
    private final SandboxTransport sandbox = new SandboxTransport("ovh", fake, store);
    private final OvhApi api = api(OvhTestApi.APPLICATION_SECRET);
    private final OvhDnsClient dns = new OvhDnsClient(api);
    private final OvhEmailClient email = new OvhEmailClient(api);

    private OvhApi api(String secret) {
        return new OvhApi(OvhTestApi.properties(OvhTestApi.ENDPOINT, secret, Duration.ofSeconds(5)),
                faults.decorate(sandbox), new ObjectMapper(), clock);
    }

    // ---- authentication ----

    @Test
    void unsignedCallIsRefusedLikeOvh() {
        ProviderResponse answer = sandbox.send("GET", OvhTestApi.ENDPOINT + "/domain/zone/" + ZONE + "/record",
                Map.of(), null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("\"class\":\"Client::Forbidden\"").contains("\"message\":");
        assertThat(store.listAll(OvhFakeApi.API)).as("nothing done").isEmpty();
    }

    @Test
    void wronglySignedCallIsRefusedAndTheClientCallsItTechnical() {
        var misconfigured = new OvhDnsClient(api("notTheApplicationSecret"));

        assertThatThrownBy(() -> misconfigured.createRecord(ZONE, "x", DnsRecordType.A, "192.0.2.1", 0))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: POST /domain/zone/beta.gouv.fr/record: 400 Client::Forbidden: Invalid signature "
                        + "(query id EU.ext-sandbox)");
        assertThat(dns.findRecords(ZONE, "x", null)).isEmpty();
    }

    @Test
    void tamperedBodyOrStaleTimestampIsRefused() {
        faults.answerNext("ovh", r -> r.method().equals("POST"), r -> sandbox.send(r.method(), r.url(), r.headers(),
                r.body().replace("192.0.2.1", "192.0.2.66")), 1);
        assertThatThrownBy(() -> dns.createRecord(ZONE, "x", DnsRecordType.A, "192.0.2.1", 0))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("Invalid signature");

        var late = new java.util.HashMap<String, String>();
        faults.answerNext("ovh", r -> r.method().equals("POST"), r -> {
            late.putAll(r.headers());
            clock.advance(Duration.ofMinutes(2)); // the request reaches OVH two minutes after it was signed
            return sandbox.send(r.method(), r.url(), r.headers(), r.body());
        }, 1);
        assertThatThrownBy(() -> dns.createRecord(ZONE, "x", DnsRecordType.A, "192.0.2.1", 0))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("400 Client::Forbidden");
        assertThat(late).containsKey("X-Ovh-Signature");
        assertThat(dns.findRecords(ZONE, "x", null)).isEmpty();
    }

    @Test
    void serverTimeNeedsNoSignature() {
        ProviderResponse answer = sandbox.send("GET", OvhTestApi.ENDPOINT + "/auth/time", Map.of(), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(Long.toString(NOW.getEpochSecond()));
    }

    // ---- DNS ----

    @Test
    void configuredZoneStartsWithTakenNamesAndOthersDoNotExist() {
        assertThat(dns.findRecords(ZONE, "www", DnsRecordType.CNAME)).hasSize(1);
        assertThat(dns.findRecords(ZONE, "api", DnsRecordType.A)).hasSize(1);
        assertThat(dns.findRecords(ZONE, "doc", null)).extracting(DnsRecord::fieldType)
                .containsExactly(DnsRecordType.CNAME);
        assertThat(dns.findRecords(ZONE, "", DnsRecordType.NS)).hasSize(2);
        assertThatThrownBy(() -> dns.findRecords("example.org", "www", null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
    }

    @Test
    void zonesAndDomainsComeFromTheSettings() {
        var other = new OvhFakeApi(store, clock, new OvhFakeApi.Settings(OvhTestApi.APPLICATION_KEY,
                OvhTestApi.APPLICATION_SECRET, OvhTestApi.CONSUMER_KEY, List.of("Example.ORG"),
                List.of("mail.example.org"), DELAY));
        var client = new OvhApi(OvhTestApi.properties(OvhTestApi.ENDPOINT, OvhTestApi.APPLICATION_SECRET,
                Duration.ofSeconds(5)), new SandboxTransport("ovh", other, store), new ObjectMapper(), clock);

        assertThat(new OvhDnsClient(client).findRecords("example.org", "www", null)).hasSize(1);
        assertThatThrownBy(() -> new OvhDnsClient(client).findRecords(ZONE, "www", null))
                .isInstanceOf(ProviderRejectedException.class);
        assertThat(new OvhEmailClient(client).findAccount("mail.example.org", "contact")).isPresent();
        assertThatThrownBy(() -> new OvhEmailClient(client).findRedirections(DOMAIN, "bonjour@" + DOMAIN, null))
                .isInstanceOf(ProviderRejectedException.class);
    }

    @Test
    void createdRecordIsFoundDeletedAndTheZoneRefreshed() {
        var created = dns.createRecord(ZONE, "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.", 3600);

        assertThat(created.id()).isPositive();
        assertThat(dns.findRecords(ZONE, "MonSite", DnsRecordType.CNAME)).containsExactly(created);
        assertThat(dns.findRecords(ZONE, "monsite", DnsRecordType.A)).isEmpty();
        dns.refreshZone(ZONE);
        assertThat(rows("ovh-refresh-" + ZONE)).singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo("1"));

        assertThat(api.delete("/domain/zone/" + ZONE + "/record/" + created.id())).isPresent();
        assertThat(dns.findRecords(ZONE, "monsite", null)).isEmpty();
        assertThat(api.delete("/domain/zone/" + ZONE + "/record/" + created.id())).as("already gone").isEmpty();
    }

    @Test
    void cnameNeverSharesItsNameOtherTypesMay() {
        assertThatThrownBy(() -> dns.createRecord(ZONE, "api", DnsRecordType.CNAME, "x.example.org.", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: a CNAME record cannot coexist with other records on api.beta.gouv.fr");
        assertThatThrownBy(() -> dns.createRecord(ZONE, "WWW", DnsRecordType.TXT, "\"hello\"", 0))
                .isInstanceOf(ProviderRejectedException.class).hasMessageStartingWith("409 Client::Conflict: ");

        dns.createRecord(ZONE, "api", DnsRecordType.AAAA, "2001:db8::1", 0);
        dns.createRecord(ZONE, "api", DnsRecordType.A, "192.0.2.10", 0);
        assertThat(dns.findRecords(ZONE, "api", null)).extracting(DnsRecord::fieldType)
                .containsExactly(DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.A);
    }

    @Test
    void recordsBelowANameAreFoundWithOvhsLikeFilter() {
        dns.createRecord(ZONE, "www.startup", DnsRecordType.CNAME, "x.example.org.", 0);
        dns.createRecord(ZONE, "a.b.startup", DnsRecordType.A, "192.0.2.1", 0);
        dns.createRecord(ZONE, "startup", DnsRecordType.TXT, "\"at the name\"", 0);
        dns.createRecord(ZONE, "otherstartup", DnsRecordType.A, "192.0.2.2", 0);

        assertThat(dns.findRecordsBelow(ZONE, "Startup")).extracting(DnsRecord::subDomain)
                .containsExactly("www.startup", "a.b.startup");
        assertThat(dns.findRecordsBelow(ZONE, "nothing")).isEmpty();
        assertThat(dns.findRecords(ZONE, "startup", null)).as("without % the filter is exact").hasSize(1);
    }

    @Test
    void dsRecordsAreRecordsOfTheZone() {
        String target = "12345 13 2 " + "AB".repeat(32);
        var created = dns.createRecord(ZONE, "signed", DnsRecordType.DS, target, 3600);

        assertThat(dns.findRecords(ZONE, "signed", DnsRecordType.DS)).containsExactly(created);
        assertThat(created.target()).isEqualTo(target);
    }

    @Test
    void blankTargetIsRejected() {
        assertThatThrownBy(() -> dns.createRecord(ZONE, "x", DnsRecordType.A, " ", 0))
                .isInstanceOf(ProviderRejectedException.class).hasMessageStartingWith("400 Client::BadRequest");
    }

    @Test
    void stateSurvivesARestartOfTheFake() {
        var created = dns.createRecord(ZONE, "durable", DnsRecordType.A, "192.0.2.4", 60);
        email.createAccount(DOMAIN, "prenom.nom", PASSWORD, null);

        var restarted = OvhTestApi.fake(store, clock, DELAY);
        var client = new OvhApi(OvhTestApi.properties(OvhTestApi.ENDPOINT, OvhTestApi.APPLICATION_SECRET,
                Duration.ofSeconds(5)), new SandboxTransport("ovh", restarted, store), new ObjectMapper(), clock);

        assertThat(new OvhDnsClient(client).findRecords(ZONE, "durable", null)).containsExactly(created);
        assertThat(new OvhEmailClient(client).pendingAccountTasks(DOMAIN, "prenom.nom")).hasSize(1);
    }

    // ---- email ----

    @Test
    void startsWithContactMailboxAndARedirection() {
        assertThat(email.findAccount(DOMAIN, "contact")).contains(
                new MailAccount("contact", "contact@beta.gouv.fr", "Contact beta.gouv.fr", false, 5_000_000_000L));
        assertThat(email.findRedirections(DOMAIN, "bonjour@beta.gouv.fr", null))
                .extracting(MailRedirection::to).containsExactly("contact@beta.gouv.fr");
    }

    @Test
    void createdAccountShowsOnlyOnceTheTaskHasRun() {
        var task = email.createAccount(DOMAIN, "prenom.nom", PASSWORD, "Prénom Nom");

        assertThat(task).isEqualTo(new EmailTask(task.id(), "addAccount", "2026-03-02T11:15:30+01:00", DOMAIN,
                "prenom.nom"));
        assertThat(email.findAccount(DOMAIN, "prenom.nom")).isEmpty();
        assertThat(email.pendingAccountTasks(DOMAIN, "prenom.nom")).containsExactly(task);

        clock.advance(DELAY.minusSeconds(1));
        assertThat(email.findAccount(DOMAIN, "prenom.nom")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(email.findAccount(DOMAIN, "prenom.nom")).contains(
                new MailAccount("prenom.nom", "prenom.nom@beta.gouv.fr", "Prénom Nom", false, 5_000_000_000L));
        assertThat(email.pendingAccountTasks(DOMAIN, "prenom.nom")).isEmpty();
    }

    /** While OVH still runs the creation it answers 409 ActionInProgress, which the client retries. */
    @Test
    void accountBeingCreatedIsActionInProgressThenAConflict() {
        email.createAccount(DOMAIN, "prenom.nom", PASSWORD, null);

        assertThatThrownBy(() -> email.createAccount(DOMAIN, "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("409 Client::Conflict::ActionInProgress: This pop is already being processed");
        clock.advance(DELAY);
        assertThatThrownBy(() -> email.createAccount(DOMAIN, "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: Account prenom.nom@beta.gouv.fr already exists");
    }

    @Test
    void passwordOutsideOvhRuleIsRejectedWithoutEchoingIt() {
        for (String password : List.of("Short-p1", "Trente-et-un-caracteres-de-trop", " LeadingSpace1",
                "Mot-de-passé-1")) {
            assertThatThrownBy(() -> email.createAccount(DOMAIN, "prenom.nom", password, null))
                    .isInstanceOf(ProviderRejectedException.class)
                    .hasMessageStartingWith("400 Client::BadRequest: Invalid password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password.strip()));
        }
        assertThat(email.pendingAccountTasks(DOMAIN, "prenom.nom")).isEmpty();
    }

    @Test
    void passwordIsNeverKept() {
        email.createAccount(DOMAIN, "prenom.nom", PASSWORD, "Mot de passe initial : " + PASSWORD);
        clock.advance(DELAY);

        assertThat(email.findAccount(DOMAIN, "prenom.nom")).get()
                .satisfies(a -> assertThat(a.description()).isEqualTo("Mot de passe initial : [masqué]"));
        assertThat(store.listAll(OvhFakeApi.API)).isNotEmpty()
                .allSatisfy(doc -> assertThat(doc.body().toString()).doesNotContain(PASSWORD));
        assertThat(fake.sandboxTables()).allSatisfy(t -> assertThat(t.rows().toString()).doesNotContain(PASSWORD));
    }

    @Test
    void redirectionIsPendingAsATaskThenShows() {
        var task = email.createRedirection(DOMAIN, "Prenom.Nom@beta.gouv.fr", "perso@example.org", false);

        assertThat(task.action()).isEqualTo("add");
        assertThat(task.name()).isEqualTo("prenom.nom@beta.gouv.fr");
        assertThat(email.findRedirections(DOMAIN, "prenom.nom@beta.gouv.fr", null)).isEmpty();
        assertThat(email.pendingRedirectionTasks(DOMAIN, "prenom.nom@beta.gouv.fr")).containsExactly(task);
        assertThatThrownBy(() -> email.createRedirection(DOMAIN, "prenom.nom@beta.gouv.fr", "perso@example.org",
                false)).as("the same one being created").isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("409 Client::Conflict: ");

        clock.advance(DELAY);
        assertThat(email.findRedirections(DOMAIN, "prenom.nom@beta.gouv.fr", "PERSO@example.org"))
                .extracting(MailRedirection::to).containsExactly("perso@example.org");
        assertThat(email.pendingRedirectionTasks(DOMAIN, "prenom.nom@beta.gouv.fr")).isEmpty();
    }

    @Test
    void localCopyNeedsAnExistingMailboxAndFromMustBeInTheDomain() {
        assertThatThrownBy(() -> email.createRedirection(DOMAIN, "personne@beta.gouv.fr", "p@example.org", true))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 Client::BadRequest: localCopy needs the account personne@beta.gouv.fr to exist");
        assertThat(email.createRedirection(DOMAIN, "contact@beta.gouv.fr", "p@example.org", true).action())
                .isEqualTo("add");
        assertThatThrownBy(() -> email.createRedirection(DOMAIN, "someone@example.org", "p@example.org", false))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 Client::BadRequest: from must be an address of beta.gouv.fr");
    }

    // ---- revocation ----

    @Test
    void removeAccountQueuesOneDeletionAndCountsAPendingOneAsDone() {
        email.createAccount(DOMAIN, "depart", PASSWORD, null);
        clock.advance(DELAY);

        email.removeAccount(DOMAIN, "depart");
        assertThat(email.findAccount(DOMAIN, "depart")).as("until OVH runs the task").isPresent();
        assertThat(email.pendingAccountTasks(DOMAIN, "depart")).extracting(EmailTask::action)
                .containsExactly("delete");
        email.removeAccount(DOMAIN, "depart"); // a retry: the pending deletion counts as done
        assertThat(deletes()).isEqualTo(1);

        clock.advance(DELAY);
        assertThat(email.findAccount(DOMAIN, "depart")).isEmpty();
        email.removeAccount(DOMAIN, "depart"); // absent: done
        email.removeAccount(DOMAIN, "jamais.cree");
        assertThat(deletes()).isEqualTo(1);
    }

    @Test
    void removeRedirectionDeletesEveryMatchingOneOnce() {
        email.createRedirection(DOMAIN, "depart@beta.gouv.fr", "perso@example.org", false);
        email.createRedirection(DOMAIN, "depart@beta.gouv.fr", "autre@example.org", false);
        clock.advance(DELAY);

        email.removeRedirection(DOMAIN, "depart@beta.gouv.fr", "perso@example.org");
        email.removeRedirection(DOMAIN, "depart@beta.gouv.fr", "perso@example.org");
        assertThat(deletes()).isEqualTo(1);
        assertThat(email.pendingRedirectionTasks(DOMAIN, "depart@beta.gouv.fr")).extracting(EmailTask::action)
                .containsExactly("delete");

        clock.advance(DELAY);
        assertThat(email.findRedirections(DOMAIN, "depart@beta.gouv.fr", null)).extracting(MailRedirection::to)
                .containsExactly("autre@example.org");
        email.removeRedirection(DOMAIN, "depart@beta.gouv.fr", "perso@example.org");
        assertThat(deletes()).isEqualTo(1);
    }

    @Test
    void unknownDomainIsNotFound() {
        // findAccount reads OVH's 404 as "no such mailbox"; listings tell an unknown domain
        assertThat(email.findAccount("nope.fr", "contact")).isEmpty();
        assertThatThrownBy(() -> email.findRedirections("nope.fr", "a@nope.fr", null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
        assertThatThrownBy(() -> email.removeAccount("nope.fr", "contact")).isInstanceOf(ProviderRejectedException.class);
    }

    // ---- the sandbox page ----

    @Test
    void sandboxTablesShowRecordsMailboxesRedirectionsAndTasks() {
        dns.createRecord(ZONE, "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.", 3600);
        email.createAccount(DOMAIN, "prenom.nom", PASSWORD, "Prénom");

        assertThat(rows("ovh-dns-" + ZONE)).contains(List.of("monsite", "CNAME", "x.osc-fr1.scalingo.io.", "3600",
                Long.toString(dns.findRecords(ZONE, "monsite", null).get(0).id())));
        assertThat(rows("ovh-accounts-" + DOMAIN)).anySatisfy(row -> assertThat(row)
                .startsWith("prenom.nom@beta.gouv.fr", "Prénom").last().asString().startsWith("création de boîte n° "));
        assertThat(rows("ovh-redirections-" + DOMAIN)).contains(List.of("bonjour@beta.gouv.fr", "contact@beta.gouv.fr", ""));
        assertThat(rows("ovh-tasks-" + DOMAIN)).singleElement()
                .satisfies(row -> assertThat(row.get(1)).isEqualTo("création de boîte"));
    }

    private List<List<String>> rows(String tableId) {
        return fake.sandboxTables().stream().filter(t -> t.id().equals(tableId)).findFirst()
                .map(SandboxView.Table::rows).orElseThrow();
    }

    private long deletes() {
        return faults.calls("ovh").stream().map(FaultyTransport.Call::request)
                .filter(r -> r.method().equals("DELETE")).count();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
