package fr.beta.guichet.notification.matrix;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.notification.ChatEmoji;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The ops room on a Matrix homeserver (Tchap), through the client-server API v3 and the bot account's access token,
 * over the providers' {@link HttpTransport}.
 * <ul>
 *   <li>Messages: {@code PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}}, the transaction id
 *   being the message's idempotency key ({@code <reference>:<step>}): the homeserver answers a repeated txnId of the
 *   same access token with the original event id, so a job retried after a lost answer never posts twice. (Synapse
 *   keeps transaction ids for about 30 minutes: longer than the three retries five minutes apart, not forever.)</li>
 *   <li>The request's announcement is the thread root; every later step is a reply in its thread
 *   ({@code m.relates_to}: {@code rel_type m.thread}, {@code is_falling_back: true} and {@code m.in_reply_to} the
 *   thread's latest event, read from {@code GET /_matrix/client/v1/rooms/{roomId}/relations/{root}/m.thread}, so that
 *   clients without threads show a reply).</li>
 *   <li>« fait »: a ✅ {@code m.reaction} ({@code rel_type m.annotation}) on the root, its txnId derived from the
 *   root and the emoji; an {@code M_DUPLICATE_ANNOTATION} refusal means it is there already.</li>
 *   <li>Mentions: {@code m.mentions.user_ids} plus {@code matrix.to} links in {@code formatted_body}
 *   ({@link MatrixHtml}); what a person typed is escaped.</li>
 * </ul>
 * Every failure is a {@link ProviderUnavailableException} (the job retries, then an incident): 429
 * {@code M_LIMIT_EXCEEDED} (with {@code retry_after_ms}) and 5xx are technical; 401 {@code M_UNKNOWN_TOKEN}, 403
 * {@code M_FORBIDDEN} (the bot is not in the room) and 404 are configuration errors whose message names the variable
 * to fix. The access token never appears in a message.
 */
public class MatrixChannel implements ChatChannel {

    public static final String PROVIDER = "matrix";
    /** The idempotency key is also kept in the event's content (a namespaced field clients ignore). */
    public static final String KEY_FIELD = "fr.beta.guichet.key";
    private static final String CLIENT_V3 = "/_matrix/client/v3";
    private static final String CLIENT_V1 = "/_matrix/client/v1";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpTransport transport;
    private final String apiRoot;
    private final String token;
    private final String roomId;

    public MatrixChannel(MatrixProperties properties, HttpTransport transport) {
        properties = properties.effective();
        if (properties.homeserverUrl() == null || isBlank(properties.accessToken()) || isBlank(properties.roomId())) {
            throw new IllegalArgumentException("Matrix homeserver-url, access-token and room-id are required");
        }
        this.transport = transport;
        this.apiRoot = properties.homeserverUrl().toString().replaceAll("/+$", "");
        this.token = properties.accessToken();
        this.roomId = properties.roomId();
    }

    @Override
    public String post(String key, ChatMessage message) {
        requireKey(key);
        return send("m.room.message", key, content(key, message));
    }

    @Override
    public void reply(String rootEventId, String key, ChatMessage message) {
        Objects.requireNonNull(rootEventId, "rootEventId");
        requireKey(key);
        ObjectNode content = content(key, message);
        ObjectNode relation = content.putObject("m.relates_to");
        relation.put("rel_type", "m.thread").put("event_id", rootEventId).put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", latestInThread(rootEventId));
        send("m.room.message", key, content);
    }

    @Override
    public void react(String eventId, String emojiName) {
        Objects.requireNonNull(eventId, "eventId");
        String emoji = ChatEmoji.unicode(Objects.requireNonNull(emojiName, "emojiName"));
        ObjectNode content = json.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", emoji);
        String txnId = "react:" + eventId + ":" + emojiName;
        String path = sendPath("m.reaction", txnId);
        ProviderResponse response = transport.send("PUT", apiRoot + path, headers(true), content.toString());
        if (response.status() == 400 && "M_DUPLICATE_ANNOTATION".equals(errcode(response))) {
            return; // already reacted: the retry of a reaction whose answer was lost, after the txnId was forgotten
        }
        requiredEventId(check("PUT " + pathForMessages(path), response), "PUT " + pathForMessages(path));
    }

    private ObjectNode content(String key, ChatMessage message) {
        MatrixHtml.Content rendered = MatrixHtml.render(message);
        ObjectNode content = json.createObjectNode();
        content.put("msgtype", "m.text").put("body", rendered.body())
                .put("format", "org.matrix.custom.html").put("formatted_body", rendered.formattedBody());
        var ids = content.putObject("m.mentions").putArray("user_ids");
        rendered.mentionedUserIds().forEach(ids::add);
        content.put(KEY_FIELD, key);
        return content;
    }

    /** The thread's newest event, for the reply fallback; the root when the thread has none yet. */
    private String latestInThread(String rootEventId) {
        String path = CLIENT_V1 + "/rooms/" + encode(roomId) + "/relations/" + encode(rootEventId)
                + "/m.thread?limit=1&dir=b";
        String call = "GET " + pathForMessages(path);
        JsonNode chunk = check(call, transport.send("GET", apiRoot + path, headers(false), null)).path("chunk");
        if (!chunk.isArray()) {
            throw unavailable(call + " answered without \"chunk\"");
        }
        return chunk.isEmpty() ? rootEventId : chunk.get(0).path("event_id").asText(rootEventId);
    }

    private String send(String eventType, String txnId, ObjectNode content) {
        String path = sendPath(eventType, txnId);
        String call = "PUT " + pathForMessages(path);
        return requiredEventId(check(call, transport.send("PUT", apiRoot + path, headers(true), content.toString())),
                call);
    }

    private String sendPath(String eventType, String txnId) {
        return CLIENT_V3 + "/rooms/" + encode(roomId) + "/send/" + eventType + "/" + encode(txnId);
    }

    private Map<String, String> headers(boolean withBody) {
        return withBody
                ? Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                        "Content-Type", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
    }

    private JsonNode check(String call, ProviderResponse response) {
        if (!response.isSuccess()) {
            throw failure(call, response);
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw unavailable(call + " answered " + response.status() + " without a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unavailable(call + " answered " + response.status() + " with unreadable JSON: "
                    + abbreviate(e.getOriginalMessage()));
        }
    }

    private String requiredEventId(JsonNode answer, String call) {
        JsonNode id = answer.get("event_id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw unavailable(call + " answered without \"event_id\"");
        }
        return id.asText();
    }

    private ProviderUnavailableException failure(String call, ProviderResponse response) {
        int status = response.status();
        String errcode = errcode(response);
        String detail = errcode != null ? errcode + ": " + parse(response.body()).path("error").asText("")
                : abbreviate(response.body());
        String hint;
        if (status == 429) {
            long retryAfter = parse(response.body()).path("retry_after_ms").asLong(-1);
            hint = "rate limited" + (retryAfter >= 0 ? ", retry after " + retryAfter + " ms" : "");
        } else if (status >= 500) {
            hint = "homeserver error";
        } else if (status == 401) {
            hint = "access token unknown or expired: check MATRIX_ACCESS_TOKEN";
        } else if (status == 403) {
            hint = "the bot is not allowed in the room: invite it into it, or check MATRIX_ROOM_ID";
        } else if (status == 404) {
            hint = "not found: check MATRIX_HOMESERVER_URL and MATRIX_ROOM_ID";
        } else {
            hint = "refused";
        }
        return unavailable(call + " answered " + status + " (" + hint + "): " + detail);
    }

    private String errcode(ProviderResponse response) {
        JsonNode code = parse(response.body()).get("errcode");
        return code != null && code.isTextual() ? code.asText() : null;
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    /** Paths name the room and the key, never the token; only the path goes into messages. */
    private static String pathForMessages(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Bodies come from the server or a proxy in front of it: never let one echo the token into an incident. */
    private ProviderUnavailableException unavailable(String message) {
        return new ProviderUnavailableException(PROVIDER, message.replace(token, "<token>"));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void requireKey(String key) {
        if (isBlank(key)) {
            throw new IllegalArgumentException("an idempotency key is required");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
