package fr.beta.guichet.provider.ovh;

import static fr.beta.guichet.provider.ovh.OvhTestApi.okJson;
import static fr.beta.guichet.provider.ovh.OvhTestApi.ovhError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.ProviderFault;

@ExtendWith(OutputCaptureExtension.class)
class OvhEmailClientTests {

    private static final String DOMAIN = "/1.0/email/domain/beta.gouv.fr";
    private static final String PASSWORD = "Tr0ub4dor-et-3";

    private OvhTestApi ovh;
    private OvhEmailClient client;

    @BeforeEach
    void startFake() {
        ovh = new OvhTestApi();
        client = ovh.emailClient();
    }

    @AfterEach
    void everyCallWasSignedCorrectly() {
        try {
            assertThat(ovh.badlySigned()).as("badly signed requests").isEmpty();
        } finally {
            ovh.faults.reset();
        }
    }

    @Test
    void findAccountReadsTheMailbox() {
        ovh.stub("GET", DOMAIN + "/account/prenom.nom", okJson("""
                {"accountName":"prenom.nom","description":"Prénom Nom","domain":"beta.gouv.fr",
                 "email":"prenom.nom@beta.gouv.fr","isBlocked":true,"size":5000000000}"""));

        assertThat(client.findAccount("beta.gouv.fr", "prenom.nom")).contains(
                new MailAccount("prenom.nom", "prenom.nom@beta.gouv.fr", "Prénom Nom", true, 5_000_000_000L));
    }

    @Test
    void findAccountAnsweredWithMissingOptionalFieldsUsesDefaults() {
        ovh.stub("GET", DOMAIN + "/account/prenom.nom", okJson("{\"accountName\":\"prenom.nom\"}"));

        assertThat(client.findAccount("beta.gouv.fr", "prenom.nom")).contains(
                new MailAccount("prenom.nom", "prenom.nom@beta.gouv.fr", "", false, 0));
    }

    @Test
    void missingAccountIsEmpty() {
        ovh.stub("GET", DOMAIN + "/account/personne", ovhError(404, "Client::NotFound", null, "This service does not exist"));

        assertThat(client.findAccount("beta.gouv.fr", "personne")).isEmpty();
    }

    @Test
    void createAccountPostsExactBodyAndReturnsTheTask(CapturedOutput output) {
        ovh.stub("POST", DOMAIN + "/account", okJson("""
                        {"id":180123456,"action":"addAccount","date":"2026-03-02T11:15:30+01:00",
                         "domain":"beta.gouv.fr","name":"prenom.nom"}"""));

        var task = client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, "Prenom Nom (startup X)");

        assertThat(task).isEqualTo(new EmailTask(180123456L, "addAccount", "2026-03-02T11:15:30+01:00",
                "beta.gouv.fr", "prenom.nom"));
        assertThat(ovh.authenticatedBodies()).containsExactly("{\"accountName\":\"prenom.nom\",\"password\":\""
                + PASSWORD + "\",\"description\":\"Prenom Nom (startup X)\",\"size\":5000000000}");
        assertThat(task.toString()).doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void createAccountWithoutDescriptionLeavesItOut() {
        ovh.stub("POST", DOMAIN + "/account", okJson("{\"id\":1,\"action\":\"addAccount\",\"date\":\"d\",\"domain\":\"beta.gouv.fr\"}"));

        var task = client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, null);

        assertThat(task.name()).as("name missing from the answer").isEqualTo("prenom.nom");
        assertThat(ovh.authenticatedBodies()).containsExactly(
                "{\"accountName\":\"prenom.nom\",\"password\":\"" + PASSWORD + "\",\"size\":5000000000}");
    }

    /** OVH echoing the password back in its error text must not put it in an incident or a BPMN error. */
    @ParameterizedTest
    @CsvSource({
            "400, Client::BadRequest, true",
            "409, Client::Conflict, true",
            "500, Server::InternalServerError, false",
            "503, Server::ServiceUnavailable, false"})
    void passwordEchoedByOvhIsMaskedInEveryFailure(int status, String errorClass, boolean rejected,
            CapturedOutput output) {
        ovh.stub("POST", DOMAIN + "/account", ovhError(status, errorClass,
                null, "Cannot use password " + PASSWORD + " for prenom.nom (" + PASSWORD + ")"));

        Throwable failure = catchThrowable(() -> client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, "x"));

        assertThat(failure).isInstanceOf(rejected ? ProviderRejectedException.class
                : ProviderUnavailableException.class);
        assertThat(failure.getMessage())
                .contains(status + " " + errorClass + ": Cannot use password [masqué] for prenom.nom ([masqué])");
        assertThat(stackTraceOf(failure)).doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordIsMaskedWhenTheTransportFails() {
        FakeHttpServer http = OvhTestApi.overHttp(ovh.fake, ovh.store);
        try {
            http.failNextWrites(ProviderFault.CONNECTION_DROPPED_AFTER_WRITE, 1);
            var overHttp = new OvhEmailClient(OvhTestApi.overHttpApi(http, Duration.ofSeconds(5)));

            Throwable failure = catchThrowable(() -> overHttp.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD,
                    "x"));

            assertThat(failure).isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("POST").hasMessageContaining("/1.0/email/domain/beta.gouv.fr/account");
            assertThat(stackTraceOf(failure)).doesNotContain(PASSWORD);
            assertThat(overHttp.pendingAccountTasks("beta.gouv.fr", "prenom.nom")).as("done before the reset")
                    .hasSize(1);
        } finally {
            http.stop();
        }
    }

    /** A transport whose failure text quotes the request body: the failure is replaced, cause dropped. */
    @Test
    void transportFailureQuotingThePasswordIsWithheld() {
        var properties = OvhTestApi.properties(OvhTestApi.ENDPOINT, OvhTestApi.APPLICATION_SECRET,
                Duration.ofSeconds(5));
        var leaky = new HttpTransport() {
            @Override
            public String provider() {
                return "ovh";
            }

            @Override
            public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                if (body == null) {
                    return ovh.transport.send(method, url, headers, body);
                }
                throw new ProviderUnavailableException("ovh", "POST failed",
                        new IllegalStateException("could not write " + body));
            }
        };
        var leakyClient = new OvhEmailClient(new OvhApi(properties, leaky));

        Throwable failure = catchThrowable(() -> leakyClient.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD,
                null));

        assertThat(failure).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: POST /email/domain/beta.gouv.fr/account: transport failure (details withheld: "
                        + "they contained the secret)")
                .hasNoCause();
        assertThat(stackTraceOf(failure)).doesNotContain(PASSWORD);
    }

    @Test
    void existingAccountIsRejected() {
        ovh.stub("POST", DOMAIN + "/account", ovhError(409,
                "Client::Conflict::AlreadyExists", null, "Account prenom.nom@beta.gouv.fr already exists"));

        assertThatThrownBy(() -> client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict::AlreadyExists: Account prenom.nom@beta.gouv.fr already exists");
    }

    /** As observed (QuentinCG/OVH-Email-Manager-Website#3): reason phrase ActionInProgress, body only a message. */
    @Test
    void actionInProgressIsUnavailableSoTheJobRetries() {
        ovh.stub("POST", DOMAIN + "/account", new ProviderResponse(409, "{\"message\":\"This pop is already "
                + "being processed: prenom.nom@beta.gouv.fr, please try later\"}",
                Map.of("Content-Type", "application/json")));

        assertThatThrownBy(() -> client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: POST /email/domain/beta.gouv.fr/account: 409 OVH error: This pop is already being "
                        + "processed: prenom.nom@beta.gouv.fr, please try later");
    }

    @Test
    void actionInProgressAsErrorClassIsUnavailableToo() {
        ovh.stub("POST", DOMAIN + "/redirection", ovhError(409,
                "Client::Conflict::ActionInProgress", null, "Please try later"));

        assertThatThrownBy(() -> client.createRedirection("beta.gouv.fr", "a@beta.gouv.fr", "b@example.org", false))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "429, Client::TooManyRequests, Too many requests",
            "500, Server::InternalServerError, Internal server error"})
    void throttlingAndServerErrorsAreUnavailable(int status, String errorClass, String message) {
        ovh.stub("GET", DOMAIN + "/account/prenom.nom", ovhError(status, errorClass, null, message));

        assertThatThrownBy(() -> client.findAccount("beta.gouv.fr", "prenom.nom"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: GET /email/domain/beta.gouv.fr/account/prenom.nom: " + status + " " + errorClass
                        + ": " + message + " (query id EU.ext-sandbox)");
    }

    @Test
    void unknownDomainIsRejected() {
        assertThatThrownBy(() -> client.findRedirections("nope.fr", "a@nope.fr", null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
    }

    @Test
    void findRedirectionsListsIdsWithFiltersThenReadsEachOne() {
        ovh.stub("GET", DOMAIN + "/redirection?from=prenom.nom%40beta.gouv.fr&to=perso%40example.org", okJson("[\"5829274\",\"5829275\"]"));
        ovh.stub("GET", DOMAIN + "/redirection/5829274", okJson(
                "{\"id\":\"5829274\",\"from\":\"prenom.nom@beta.gouv.fr\",\"to\":\"Perso@example.org\"}"));
        ovh.stub("GET", DOMAIN + "/redirection/5829275", ovhError(404, "Client::NotFound", null, "This redirection does not exist"));

        var found = client.findRedirections("beta.gouv.fr", "prenom.nom@beta.gouv.fr", "perso@example.org");

        assertThat(found).containsExactly(
                new MailRedirection("5829274", "prenom.nom@beta.gouv.fr", "Perso@example.org"));
    }

    @Test
    void findRedirectionsWithoutTargetFiltersOnSourceOnly() {
        ovh.stub("GET", DOMAIN + "/redirection?from=bonjour%40beta.gouv.fr", okJson("[\"1\",\"2\"]"));
        ovh.stub("GET", DOMAIN + "/redirection/1", okJson(
                "{\"id\":\"1\",\"from\":\"bonjour@beta.gouv.fr\",\"to\":\"a@example.org\"}"));
        ovh.stub("GET", DOMAIN + "/redirection/2", okJson(
                "{\"id\":\"2\",\"from\":\"autre@beta.gouv.fr\",\"to\":\"b@example.org\"}"));

        assertThat(client.findRedirections("beta.gouv.fr", "bonjour@beta.gouv.fr", null))
                .extracting(MailRedirection::id).as("looser OVH filter re-applied").containsExactly("1");
    }

    @Test
    void createRedirectionPostsBodyAndReturnsTheTask() {
        ovh.stub("POST", DOMAIN + "/redirection", okJson("""
                {"id":4242,"account":"prenom.nom","action":"add","date":"2026-03-02T11:15:30+01:00",
                 "domain":"beta.gouv.fr","type":"forward"}"""));

        var task = client.createRedirection("beta.gouv.fr", "prenom.nom@beta.gouv.fr", "perso@example.org", true);

        assertThat(task).isEqualTo(new EmailTask(4242, "add", "2026-03-02T11:15:30+01:00", "beta.gouv.fr",
                "prenom.nom"));
        assertThat(ovh.authenticatedBodies()).containsExactly(
                "{\"from\":\"prenom.nom@beta.gouv.fr\",\"to\":\"perso@example.org\",\"localCopy\":true}");
    }

    @Test
    void pendingAccountTasksReadsEachTaskOrderedById() {
        ovh.stub("GET", DOMAIN + "/task/account?name=prenom.nom", okJson("[31,12,40]"));
        stubTask(31, "changePassword", "prenom.nom");
        stubTask(12, "addAccount", "prenom.nom");
        ovh.stub("GET", DOMAIN + "/task/account/40", ovhError(404, "Client::NotFound", null, "This task does not exist"));

        assertThat(client.pendingAccountTasks("beta.gouv.fr", "prenom.nom")).containsExactly(
                new EmailTask(12, "addAccount", "2026-03-02T11:15:30+01:00", "beta.gouv.fr", "prenom.nom"),
                new EmailTask(31, "changePassword", "2026-03-02T11:15:30+01:00", "beta.gouv.fr", "prenom.nom"));
    }

    @Test
    void noPendingTask() {
        ovh.stub("GET", DOMAIN + "/task/account?name=prenom.nom", okJson("[]"));

        assertThat(client.pendingAccountTasks("beta.gouv.fr", "prenom.nom")).isEmpty();
    }

    @Test
    void malformedJsonIsUnavailable() {
        ovh.stub("GET", DOMAIN + "/redirection?from=a%40beta.gouv.fr", okJson("[\"1\","));

        assertThatThrownBy(() -> client.findRedirections("beta.gouv.fr", "a@beta.gouv.fr", null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: GET /email/domain/beta.gouv.fr/redirection: 200 answer is not JSON");
    }

    @Test
    void unexpectedShapesAreUnavailable() {
        ovh.stub("GET", DOMAIN + "/task/account?name=prenom.nom", okJson("{\"ids\":[1]}"));
        ovh.stub("POST", DOMAIN + "/account", okJson("null"));
        ovh.stub("GET", DOMAIN + "/account/prenom.nom", okJson("[]"));

        assertThatThrownBy(() -> client.pendingAccountTasks("beta.gouv.fr", "prenom.nom"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: unreadable task id list for email domain beta.gouv.fr");
        assertThatThrownBy(() -> client.createAccount("beta.gouv.fr", "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: unreadable task for email domain beta.gouv.fr");
        assertThatThrownBy(() -> client.findAccount("beta.gouv.fr", "prenom.nom"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: unreadable account for email domain beta.gouv.fr");
    }

    private void stubTask(long id, String action, String name) {
        ovh.stub("GET", DOMAIN + "/task/account/" + id, okJson("{\"id\":" + id
                + ",\"action\":\"" + action + "\",\"date\":\"2026-03-02T11:15:30+01:00\",\"domain\":\"beta.gouv.fr\","
                + "\"name\":\"" + name + "\"}"));
    }

    private static String stackTraceOf(Throwable failure) {
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
