package fr.beta.guichet.notification.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.ProviderFault;

/**
 * The live {@link MatrixChannel} through Camunda Connect against {@link MatrixFakeApi} served over real HTTP: what
 * goes on the wire (path, method, bearer token, JSON bodies: thread relation, fallback reply, mentions, reaction
 * key), idempotency by transaction id, and the spec's error shapes mapped to messages naming what to fix.
 */
class MatrixChannelTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "syt_Z3VpY2hldA_secretsecretsecret_0abc12";
    private static final String ROOM = "!OpsRoomAbc:agent.dinum.tchap.gouv.fr";
    private static final MatrixProperties SETTINGS = new MatrixProperties(ProviderMode.LIVE, URI.create("http://fake"),
            TOKEN, ROOM, null, null);
    private static final fr.beta.guichet.provider.InMemorySandboxStore STORE =
            new fr.beta.guichet.provider.InMemorySandboxStore();
    private static final FakeHttpServer SERVER = new FakeHttpServer(new MatrixFakeApi(STORE, SETTINGS), STORE,
            MatrixFakeApi::isWrite, MatrixFakeApi.rateLimited());

    private final MatrixFakeApi fake = (MatrixFakeApi) SERVER.fake();
    private MatrixChannel channel;

    @BeforeEach
    void setUp() {
        SERVER.resetFaults();
        SERVER.store().clear(MatrixFakeApi.API);
        channel = client(TOKEN, ROOM);
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @Test
    void theAnnouncementIsAnMTextEventSentWithItsKeyAsTransactionId() throws Exception {
        var florian = new ChatMessage.Mention("florian", "Florian Delezenne", "florian",
                "@florian.delezenne-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
        String root = channel.post("SUB-2026-0001:announce",
                ChatMessage.format(":inbox_tray: Nouvelle demande **{0}** : {1} — {2}", "SUB-2026-0001",
                        "CNAME monsite.beta.gouv.fr", List.of(florian)));

        ProviderRequest put = SERVER.received().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo("/_matrix/client/v3/rooms/%21OpsRoomAbc%3Aagent.dinum.tchap.gouv.fr"
                + "/send/m.room.message/SUB-2026-0001%3Aannounce");
        assertThat(put.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(put.header("Content-Type")).startsWith("application/json");
        JsonNode content = JSON.readTree(put.body());
        assertThat(content.path("msgtype").asText()).isEqualTo("m.text");
        assertThat(content.path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(content.path("body").asText())
                .isEqualTo("📥 Nouvelle demande SUB-2026-0001 : CNAME monsite.beta.gouv.fr — Florian Delezenne");
        assertThat(content.path("formatted_body").asText()).isEqualTo("📥 Nouvelle demande <strong>SUB-2026-0001"
                + "</strong> : CNAME monsite.beta.gouv.fr — <a href=\"https://matrix.to/#/"
                + "@florian.delezenne-beta.gouv.fr:agent.dinum.tchap.gouv.fr\">Florian Delezenne</a>");
        assertThat(content.path("m.mentions").path("user_ids")).hasSize(1);
        assertThat(content.path("m.mentions").path("user_ids").get(0).asText())
                .isEqualTo("@florian.delezenne-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
        assertThat(content.path("m.relates_to").isMissingNode()).isTrue();
        assertThat(root).matches("\\$[A-Za-z0-9_-]{43}");
        assertThat(fake.thread(root)).isPresent();
    }

    @Test
    void everyLaterStepIsAThreadReplyFallingBackToAReplyToTheLatestEvent() throws Exception {
        String root = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        channel.reply(root, "SUB-2026-0001:claimed", app("florian prend la demande"));
        String claimed = fake.thread(root).orElseThrow().replies().get(0).id();
        channel.reply(root, "SUB-2026-0001:done", app("fait"));

        List<ProviderRequest> calls = SERVER.received();
        assertThat(calls).extracting(ProviderRequest::method).containsExactly("PUT", "GET", "PUT", "GET", "PUT");
        assertThat(calls.get(1).rawPath()).isEqualTo("/_matrix/client/v1/rooms/%21OpsRoomAbc%3Aagent.dinum.tchap.gouv.fr"
                + "/relations/" + MatrixChannel.encode(root) + "/m.thread");
        JsonNode first = JSON.readTree(calls.get(2).body()).path("m.relates_to");
        assertThat(first.path("rel_type").asText()).isEqualTo("m.thread");
        assertThat(first.path("event_id").asText()).isEqualTo(root);
        assertThat(first.path("is_falling_back").asBoolean()).isTrue();
        assertThat(first.path("m.in_reply_to").path("event_id").asText()).isEqualTo(root);
        JsonNode second = JSON.readTree(calls.get(4).body()).path("m.relates_to");
        assertThat(second.path("event_id").asText()).isEqualTo(root);
        assertThat(second.path("m.in_reply_to").path("event_id").asText()).isEqualTo(claimed);
        assertThat(fake.thread(root).orElseThrow().replyMessages()).containsExactly("florian prend la demande", "fait");
    }

    @Test
    void doneIsACheckMarkAnnotationOnTheRootOnce() throws Exception {
        String root = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        channel.react(root, "white_check_mark");
        channel.react(root, "white_check_mark");

        ProviderRequest put = SERVER.received().get(1);
        assertThat(put.rawPath()).contains("/send/m.reaction/");
        JsonNode relation = JSON.readTree(put.body()).path("m.relates_to");
        assertThat(relation.path("rel_type").asText()).isEqualTo("m.annotation");
        assertThat(relation.path("event_id").asText()).isEqualTo(root);
        assertThat(relation.path("key").asText()).isEqualTo("✅");
        assertThat(fake.thread(root).orElseThrow().reactions()).containsExactly("white_check_mark");
        assertThat(fake.events()).hasSize(2);
    }

    @Test
    void aRepeatedKeyIsAnsweredWithTheOriginalEventAndStoresNothingNew() {
        String first = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        String again = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        assertThat(again).isEqualTo(first);
        assertThat(fake.events()).hasSize(1);
    }

    @Test
    void theAnswerLostAfterTheServerStoredTheEventThenTheRetryPostsNothingNew() {
        SERVER.failNextWrites(ProviderFault.CONNECTION_DROPPED_AFTER_WRITE, 1);
        assertThatThrownBy(() -> channel.post("SUB-2026-0001:announce", app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class);
        assertThat(fake.events()).hasSize(1);

        String id = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        assertThat(fake.events()).singleElement().satisfies(e -> assertThat(e.get("event_id").asText()).isEqualTo(id));

        SERVER.failNextWrites(ProviderFault.TIMEOUT_AFTER_WRITE, 1);
        assertThatThrownBy(() -> channel.react(id, "white_check_mark"))
                .isExactlyInstanceOf(ProviderUnavailableException.class);
        channel.react(id, "white_check_mark");
        assertThat(fake.events()).hasSize(2);
    }

    @Test
    void aReactionAlreadyThereUnderAnotherTransactionCountsAsDone() {
        String root = channel.post("k:announce", app("a"));
        // another device (another token) made the same reaction: the bot's own txnId is new, the annotation is not
        var annotation = "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"" + root + "\",\"key\":\"✅\"}}";
        ProviderResponse first = SERVER.store().atomically(MatrixFakeApi.API, () -> fake.handle(new ProviderRequest("PUT",
                "http://fake/_matrix/client/v3/rooms/" + MatrixChannel.encode(ROOM) + "/send/m.reaction/other-txn",
                Map.of("Authorization", "Bearer " + TOKEN), annotation)));
        assertThat(first.status()).isEqualTo(200);

        channel.react(root, "white_check_mark");
        assertThat(fake.events()).hasSize(2);
    }

    @Test
    void anUnknownTokenNamesTheVariableAndNeverShowsTheToken() {
        var wrong = client("syt_wrong_token_0123456789", ROOM);
        assertThatThrownBy(() -> wrong.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("matrix: PUT /_matrix/client/v3/rooms/")
                .hasMessageContaining("answered 401")
                .hasMessageContaining("M_UNKNOWN_TOKEN")
                .hasMessageContaining("MATRIX_ACCESS_TOKEN")
                .hasMessageNotContaining("syt_wrong_token_0123456789");
    }

    @Test
    void aRoomTheBotIsNotInIsForbiddenAndNamesTheRoomVariable() {
        var elsewhere = client(TOKEN, "!OtherRoom:agent.dinum.tchap.gouv.fr");
        assertThatThrownBy(() -> elsewhere.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 403")
                .hasMessageContaining("M_FORBIDDEN")
                .hasMessageContaining("invite it")
                .hasMessageContaining("MATRIX_ROOM_ID")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aWrongHomeserverPathIs404NamingTheUrlVariable() {
        var wrongUrl = new MatrixChannel(new MatrixProperties(ProviderMode.LIVE,
                URI.create(SERVER.baseUrl() + "/not-matrix"), TOKEN, ROOM, null, null),
                new ConnectHttpTransport("matrix", Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> wrongUrl.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 404")
                .hasMessageContaining("M_UNRECOGNIZED")
                .hasMessageContaining("MATRIX_HOMESERVER_URL");
    }

    @Test
    void rateLimitAndServerErrorsAreTechnical() {
        SERVER.failNextWrites(ProviderFault.RATE_LIMITED, 1);
        assertThatThrownBy(() -> channel.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 429 (rate limited, retry after 2000 ms): M_LIMIT_EXCEEDED");
        SERVER.failNextWrites(ProviderFault.SERVER_ERROR, 1);
        assertThatThrownBy(() -> channel.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 500 (homeserver error)");
        assertThat(fake.events()).isEmpty();
        channel.post("k:announce", app("a"));
        assertThat(fake.events()).hasSize(1);
    }

    @Test
    void aReplyToAnEventNotInTheRoomIsRefused() {
        assertThatThrownBy(() -> channel.reply("$unknown", "k:claimed", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 404");
    }

    @Test
    void aTokenEchoedByAProxyIsScrubbed() {
        var transport = new fr.beta.guichet.provider.HttpTransport() {
            @Override
            public String provider() {
                return "matrix";
            }

            @Override
            public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                return new ProviderResponse(502, "<html>Bad gateway for " + headers.get("Authorization") + "</html>",
                        Map.of("Content-Type", "text/html"));
            }
        };
        var behindProxy = new MatrixChannel(SETTINGS, transport);
        assertThatThrownBy(() -> behindProxy.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 502").hasMessageContaining("Bearer <token>")
                .hasMessageNotContaining(TOKEN);
        assertThat(FakeResponses.empty(204).status()).isEqualTo(204);
    }

    private static MatrixChannel client(String token, String room) {
        // a read timeout below FakeHttpServer's delay of a timed-out answer
        return new MatrixChannel(new MatrixProperties(ProviderMode.LIVE, URI.create(SERVER.baseUrl()), token, room,
                Duration.ofSeconds(1), Duration.ofMillis(600)),
                new ConnectHttpTransport("matrix", Duration.ofSeconds(1), Duration.ofMillis(600)));
    }

    private static ChatMessage app(String text) {
        return new ChatMessage(List.of(new ChatMessage.AppText(text)));
    }
}
