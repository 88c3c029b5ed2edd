package fr.beta.guichet.provider.ovh;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static fr.beta.guichet.provider.ovh.OvhTestApi.okJson;
import static fr.beta.guichet.provider.ovh.OvhTestApi.ovhError;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.ProviderFault;

class OvhDnsClientTests {

    private static final String RECORDS = "/1.0/domain/zone/beta.gouv.fr/record";

    private OvhTestApi ovh;
    private OvhDnsClient client;
    private boolean expectBadSignatures;

    @BeforeEach
    void startFake() {
        ovh = new OvhTestApi();
        client = ovh.client();
    }

    @AfterEach
    void everyCallWasSignedCorrectly() {
        try {
            if (!expectBadSignatures) {
                assertThat(ovh.badlySigned()).as("badly signed requests").isEmpty();
            }
        } finally {
            ovh.faults.reset();
        }
    }

    @Test
    void findRecordsListsIdsWithFiltersThenReadsEachRecord() {
        ovh.stub("GET", RECORDS + "?fieldType=CNAME&subDomain=monsite", okJson("[5023847263,5023847264]"));
        stubRecord(5023847263L, "monsite", "CNAME", "x.osc-fr1.scalingo.io.");
        stubRecord(5023847264L, "monsite", "CNAME", "y.osc-fr1.scalingo.io.");

        var records = client.findRecords("beta.gouv.fr", "monsite", DnsRecordType.CNAME);

        assertThat(records).containsExactly(
                new DnsRecord(5023847263L, "beta.gouv.fr", "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.",
                        3600),
                new DnsRecord(5023847264L, "beta.gouv.fr", "monsite", DnsRecordType.CNAME, "y.osc-fr1.scalingo.io.",
                        3600));
    }

    @Test
    void findRecordsWithoutTypeFiltersOnNameOnlyAndSkipsRecordDeletedMeanwhile() {
        ovh.stub("GET", RECORDS + "?subDomain=monsite", okJson("[1,2]"));
        stubRecord(1, "monsite", "TXT", "\"hello\"");
        ovh.stub("GET", RECORDS + "/2", ovhError(404, "Client::NotFound", null, "This record does not exist"));

        var records = client.findRecords("beta.gouv.fr", "monsite", null);

        assertThat(records).extracting(DnsRecord::id).containsExactly(1L);
    }

    @Test
    void findRecordsEncodesQueryParametersInTheSignedUrl() {
        ovh.stub("GET", RECORDS + "?fieldType=TXT&subDomain=caf%C3%A9+bar", okJson("[]"));

        assertThat(client.findRecords("beta.gouv.fr", "café bar", DnsRecordType.TXT)).isEmpty();
    }

    @Test
    void findRecordsInUnknownZoneIsRejected() {
        assertThatThrownBy(() -> client.findRecords("nope.fr", "www", null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
    }

    @Test
    void createRecordPostsCompactBodyAndReturnsCreatedRecord() {
        ovh.stub("POST", RECORDS, okJson(recordJson(5023847263L, "monsite", "CNAME", "x.osc-fr1.scalingo.io.")));

        var created = client.createRecord("beta.gouv.fr", "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.",
                3600);

        assertThat(created.id()).isEqualTo(5023847263L);
        assertThat(ovh.authenticatedRequests().get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(onlyRequestBody()).isEqualTo(
                "{\"fieldType\":\"CNAME\",\"subDomain\":\"monsite\",\"target\":\"x.osc-fr1.scalingo.io.\",\"ttl\":3600}");
    }

    @Test
    void createRecordAnsweredWithIdZeroKeepsHighestIdAmongMatchingRecords() {
        ovh.stub("POST", RECORDS, okJson(recordJson(0, "monsite", "A", "192.0.2.1")));
        ovh.stub("GET", RECORDS + "?fieldType=A&subDomain=monsite", okJson("[10,30,20]"));
        stubRecord(10, "monsite", "A", "192.0.2.1");
        stubRecord(30, "monsite", "A", "192.0.2.99");
        stubRecord(20, "monsite", "A", "192.0.2.1");

        var created = client.createRecord("beta.gouv.fr", "monsite", DnsRecordType.A, "192.0.2.1", 3600);

        assertThat(created.id()).isEqualTo(20);
    }

    @Test
    void refreshZonePostsWithoutBodyAndAcceptsNullAnswer() {
        client.refreshZone("beta.gouv.fr");

        assertThat(onlyRequestBody()).isEmpty();
    }

    @Test
    void nonAsciiTargetIsEscapedAndSignedAsSent() {
        var created = client.createRecord("beta.gouv.fr", "x", DnsRecordType.TXT, "é→", 0);

        assertThat(created.target()).isEqualTo("é→");
        String sent = onlyRequestBody();
        assertThat(sent).contains("\\u00E9\\u2192");
        assertThat(sent.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void serverTimeIsFetchedOnceAndUsedForEveryTimestamp() {

        client.refreshZone("beta.gouv.fr");
        client.refreshZone("beta.gouv.fr");

        assertThat(ovh.faults.calls("ovh")).filteredOn(c -> c.request().rawPath().equals(OvhTestApi.TIME_PATH))
                .hasSize(1);
        assertThat(ovh.authenticatedRequests()).hasSize(2)
                .allSatisfy(request -> assertThat(Long.parseLong(request.header("X-Ovh-Timestamp")))
                        .isCloseTo(ovh.serverNow(), within(30L)));
    }

    @Test
    void conflictIsRejectedWithOvhMessage() {
        ovh.stub("POST", RECORDS, ovhError(409, "Client::Conflict", null,
                "A CNAME record cannot coexist with other records"));

        assertThatThrownBy(() -> client.createRecord("beta.gouv.fr", "www", DnsRecordType.CNAME, "x.example.org.", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: A CNAME record cannot coexist with other records")
                .satisfies(e -> assertThat(((ProviderRejectedException) e).provider()).isEqualTo("ovh"));
    }

    @Test
    void badParametersAreRejected() {
        ovh.stub("POST", RECORDS, ovhError(400, "Client::BadRequest", null,
                "Invalid IPv4 address"));

        assertThatThrownBy(() -> client.createRecord("beta.gouv.fr", "x", DnsRecordType.A, "not-an-ip", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 Client::BadRequest: Invalid IPv4 address");
    }

    /** Credential problems, throttling and server errors need an operator or time, not a human executor. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "401, Client::Unauthorized, INVALID_CREDENTIAL, This credential is not valid",
            "403, Client::Forbidden, NOT_GRANTED_CALL, This call has not been granted",
            "460, Client::Gone, -, This credential is expired",
            "429, Client::TooManyRequests, -, Too many requests",
            "500, Server::InternalServerError, -, Internal server error",
            "503, Server::ServiceUnavailable, -, Service unavailable"})
    void technicalFailuresAreUnavailable(int status, String errorClass, String errorCode, String message) {
        ovh.stub("POST", RECORDS, ovhError(status, errorClass, errorCode,
                message));

        assertThatThrownBy(() -> client.createRecord("beta.gouv.fr", "x", DnsRecordType.A, "192.0.2.1", 0))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: POST /domain/zone/beta.gouv.fr/record: " + status + " " + errorClass + ": "
                        + message + " (query id EU.ext-sandbox)");
    }

    @Test
    void wrongSecretIsRefusedByOvhAndUnavailableWithoutLeakingCredentials() {
        expectBadSignatures = true;
        var misconfigured = ovh.client("notTheApplicationSecret");

        assertThatThrownBy(() -> misconfigured.refreshZone("beta.gouv.fr"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("400 Client::Forbidden: Invalid signature")
                .message()
                .doesNotContain("notTheApplicationSecret", OvhTestApi.APPLICATION_KEY, OvhTestApi.CONSUMER_KEY);
        assertThat(ovh.badlySigned()).containsExactly("POST /1.0/domain/zone/beta.gouv.fr/refresh");
    }

    @Test
    void readTimeoutIsUnavailable() {
        FakeHttpServer http = OvhTestApi.overHttp(ovh.fake, ovh.store);
        try {
            http.failNextWrites(ProviderFault.TIMEOUT_AFTER_WRITE, 1);
            var impatient = new OvhDnsClient(OvhTestApi.overHttpApi(http, Duration.ofMillis(300)));

            assertThatThrownBy(() -> impatient.createRecord("beta.gouv.fr", "lent", DnsRecordType.A, "192.0.2.1", 0))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("POST")
                    .hasMessageContaining("/domain/zone/beta.gouv.fr/record");
            assertThat(impatient.findRecords("beta.gouv.fr", "lent", null)).as("created before the answer was lost")
                    .hasSize(1);
        } finally {
            http.stop();
        }
    }

    @Test
    void malformedJsonIsUnavailable() {
        ovh.stub("GET", RECORDS + "?subDomain=www", okJson("[1,2"));

        assertThatThrownBy(() -> client.findRecords("beta.gouv.fr", "www", null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: GET /domain/zone/beta.gouv.fr/record: 200 answer is not JSON");
    }

    @Test
    void unreadableServerTimeIsUnavailable() {
        ovh.stub("GET", OvhTestApi.TIME_PATH, okJson("[1457018875]"));

        assertThatThrownBy(() -> client.refreshZone("beta.gouv.fr"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: GET /auth/time: unreadable server time");
    }

    private void stubRecord(long id, String subDomain, String type, String target) {
        ovh.stub("GET", RECORDS + "/" + id, okJson(recordJson(id, subDomain, type, target)));
    }

    private static String recordJson(long id, String subDomain, String type, String target) {
        return "{\"id\":" + id + ",\"zone\":\"beta.gouv.fr\",\"subDomain\":\"" + subDomain + "\",\"fieldType\":\""
                + type + "\",\"target\":\"" + target.replace("\"", "\\\"") + "\",\"ttl\":3600}";
    }

    private String onlyRequestBody() {
        assertThat(ovh.authenticatedRequests()).hasSize(1);
        return ovh.authenticatedRequests().get(0).body();
    }
}
