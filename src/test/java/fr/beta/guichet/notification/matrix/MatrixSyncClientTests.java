package fr.beta.guichet.notification.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.notification.ChatRoomSync;
import fr.beta.guichet.notification.ChatSyncException;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxTransport;

/**
 * {@link MatrixSyncClient} against {@link MatrixFakeApi}'s {@code /sync}: the filter on the wire, tokens, the
 * first sync without history, thread replies, reactions and plain replies as events, a gap, the spec's errors.
 */
class MatrixSyncClientTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "syt_c3luYw_secretsecretsecret_0abc12";
    private static final String ROOM = "!OpsRoomAbc:agent.dinum.tchap.gouv.fr";
    private static final MatrixProperties SETTINGS = new MatrixProperties(ProviderMode.LIVE,
            URI.create("https://matrix.example"), TOKEN, ROOM, null, null);
    private static final String FLORIAN = "@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr";

    private final InMemorySandboxStore store = new InMemorySandboxStore();
    private final MatrixFakeApi fake = new MatrixFakeApi(store, SETTINGS);
    private final List<ProviderRequest> sent = new ArrayList<>();
    private ProviderResponse nextAnswer;
    private MatrixSyncClient client;
    private MatrixChannel channel;

    @BeforeEach
    void setUp() {
        HttpTransport sandbox = new SandboxTransport("matrix", fake, store);
        HttpTransport recording = new HttpTransport() {
            @Override
            public String provider() {
                return "matrix";
            }

            @Override
            public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                sent.add(new ProviderRequest(method, url, headers, body));
                if (nextAnswer != null) {
                    ProviderResponse answer = nextAnswer;
                    nextAnswer = null;
                    return answer;
                }
                return sandbox.send(method, url, headers, body);
            }
        };
        client = new MatrixSyncClient(SETTINGS, new MatrixLongPoll(recording));
        channel = new MatrixChannel(SETTINGS, sandbox);
    }

    private String announce(String key) {
        return channel.post(key, ChatMessage.format("Nouvelle demande " + key));
    }

    @Test
    void theFilterKeepsTheRoomsMessagesAndReactionsFromOthersOnly() throws Exception {
        client.sync(null, Duration.ZERO);
        ProviderRequest sync = sent.get(sent.size() - 1);
        assertThat(sync.rawPath()).isEqualTo("/_matrix/client/v3/sync");
        assertThat(sync.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sync.query()).containsEntry("timeout", "0").doesNotContainKey("since");
        JsonNode filter = JSON.readTree(sync.query().get("filter"));
        assertThat(filter.at("/room/rooms/0").asText()).isEqualTo(ROOM);
        assertThat(filter.at("/room/timeline/types").toString()).isEqualTo("[\"m.room.message\",\"m.reaction\"]");
        assertThat(filter.at("/room/timeline/not_senders/0").asText()).isEqualTo(MatrixFakeApi.BOT_USER_ID);
        assertThat(filter.at("/presence/types").isEmpty()).isTrue();
        assertThat(filter.at("/room/state/types").isEmpty()).isTrue();
    }

    @Test
    void theFirstSyncGivesThePositionOnlyThenEachBatchWhatCameAfter() {
        String root = announce("SUB-1:announce");
        fake.userReplies(FLORIAN, root, "je prends (avant la mise en route)");
        var first = client.sync(null, Duration.ofSeconds(30));
        assertThat(first.events()).isEmpty();

        String reply = fake.userReplies(FLORIAN, root, "Je prends !");
        String reaction = fake.userReacts(FLORIAN, root, "✅️");
        channel.reply(root, "SUB-1:claimed", ChatMessage.format("florian prend la demande")); // the bot's own
        fake.userSends(FLORIAN, "m.room.member", JSON.createObjectNode().put("membership", "join"));
        var second = client.sync(first.nextBatch(), Duration.ofSeconds(30));

        assertThat(second.events()).extracting(ChatRoomSync.Event::eventId).containsExactly(reply, reaction);
        assertThat(second.events().get(0)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ChatRoomSync.Kind.MESSAGE);
            assertThat(e.sender()).isEqualTo(FLORIAN);
            assertThat(e.body()).isEqualTo("Je prends !");
            assertThat(e.threadRootId()).isEqualTo(root);
        });
        assertThat(second.events().get(1)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ChatRoomSync.Kind.REACTION);
            assertThat(e.body()).isEqualTo("✅️");
            assertThat(e.threadRootId()).isEqualTo(root);
        });
        assertThat(second.gap()).isFalse();
        assertThat(second.nextBatch()).isNotEqualTo(first.nextBatch());
        assertThat(sent.get(sent.size() - 1).query()).containsEntry("since", first.nextBatch())
                .containsEntry("timeout", "0"); // the long poll asks the fake at once, then waits itself

        // nothing new: the same position, after the timeout
        long start = System.nanoTime();
        var third = client.sync(second.nextBatch(), Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(third.events()).isEmpty();
        assertThat(third.nextBatch()).isEqualTo(second.nextBatch());
    }

    @Test
    void aPlainReplyCountsInTheThreadOfWhatItAnswersWithoutItsFallback() {
        String root = announce("SUB-2:announce");
        var position = client.sync(null, Duration.ZERO).nextBatch();
        var content = JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", "> <@guichet-ops:sandbox.invalid> Nouvelle demande\n> SUB-2\n\nje passe");
        content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", root);
        fake.userSends(FLORIAN, "m.room.message", content);

        var event = client.sync(position, Duration.ZERO).events().get(0);
        assertThat(event.threadRootId()).isEqualTo(root);
        assertThat(event.body()).isEqualTo("je passe");
    }

    @Test
    void moreEventsThanTheLimitIsAGap() {
        var position = client.sync(null, Duration.ZERO).nextBatch();
        for (int i = 0; i < MatrixSyncClient.TIMELINE_LIMIT + 5; i++) {
            fake.userPosts(FLORIAN, "message " + i);
        }
        var batch = client.sync(position, Duration.ZERO);
        assertThat(batch.gap()).isTrue();
        assertThat(batch.events()).hasSize(MatrixSyncClient.TIMELINE_LIMIT);
        assertThat(batch.events().get(batch.events().size() - 1).body()).isEqualTo("message 104");
    }

    @Test
    void aRateLimitCarriesRetryAfterAndErrorsNeverTheToken() {
        var position = client.sync(null, Duration.ZERO).nextBatch();
        nextAnswer = MatrixFakeApi.rateLimited();
        assertThatThrownBy(() -> client.sync(position, Duration.ZERO)).isInstanceOf(ChatSyncException.class)
                .satisfies(e -> assertThat(((ChatSyncException) e).retryAfter()).contains(Duration.ofMillis(2000)));
        nextAnswer = new ProviderResponse(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"bad " + TOKEN + "\"}",
                Map.of());
        assertThatThrownBy(() -> client.sync(position, Duration.ZERO)).isInstanceOf(ChatSyncException.class)
                .hasMessageContaining("MATRIX_ACCESS_TOKEN").hasMessageNotContaining(TOKEN);
    }

    @Test
    void theFakeChecksTokensTimeoutsAndFilters() {
        var transport = new SandboxTransport("matrix", fake, store);
        var auth = Map.of("Authorization", "Bearer " + TOKEN);
        String sync = "https://matrix.example/_matrix/client/v3/sync";
        assertThat(transport.send("GET", sync + "?since=nope", auth, null).status()).isEqualTo(400);
        assertThat(transport.send("GET", sync + "?timeout=soon", auth, null).status()).isEqualTo(400);
        assertThat(transport.send("GET", sync + "?filter=42", auth, null).status()).isEqualTo(400);
        assertThat(transport.send("GET", sync, Map.of("Authorization", "Bearer other"), null).status()).isEqualTo(401);

        ProviderResponse created = transport.send("POST", "https://matrix.example/_matrix/client/v3/user/"
                + MatrixChannel.encode(MatrixFakeApi.BOT_USER_ID) + "/filter", auth,
                "{\"room\":{\"rooms\":[\"!other:x\"]}}");
        assertThat(created.status()).isEqualTo(200);
        String filterId = parse(created.body()).path("filter_id").asText();
        fake.userPosts(FLORIAN, "bonjour");
        JsonNode answer = parse(transport.send("GET", sync + "?filter=" + filterId, auth, null).body());
        assertThat(answer.path("next_batch").asText()).startsWith("s");
        assertThat(answer.path("rooms").path("join").has(ROOM)).as("another room's filter").isFalse();
        assertThat(transport.send("POST", "https://matrix.example/_matrix/client/v3/user/%40x%3Ay/filter", auth,
                "{}").status()).isEqualTo(403);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
