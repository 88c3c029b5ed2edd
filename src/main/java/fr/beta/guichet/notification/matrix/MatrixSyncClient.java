package fr.beta.guichet.notification.matrix;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.notification.ChatRoomSync;
import fr.beta.guichet.notification.ChatSyncException;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Reads the ops room through the client-server API v3, as the bot account:
 * <ul>
 *   <li>{@code GET /_matrix/client/v3/account/whoami} once, for the bot's own id;</li>
 *   <li>{@code GET /_matrix/client/v3/sync?filter=<inline JSON>&since=<token>&timeout=<ms>}: the filter keeps the
 *   room's timeline only — that room, {@code m.room.message} and {@code m.reaction}, not the bot's own events, at
 *   most {@value #TIMELINE_LIMIT} — and no presence, state, ephemeral or account data; the answer's
 *   {@code next_batch} is the next {@code since}; {@code timeline.limited} is reported as a gap;</li>
 *   <li>{@code since} absent: {@code timeout=0} and the events are dropped, only the position is kept (the first
 *   sync's history is not acted on).</li>
 * </ul>
 * A thread reply is a {@code m.room.message} whose {@code m.relates_to} is {@code rel_type m.thread} (its root
 * {@code event_id}); a plain reply ({@code m.in_reply_to}) counts as in the thread of the event it answers; a reaction
 * is {@code m.reaction} {@code rel_type m.annotation} with its {@code key}. The body loses its reply fallback (its
 * leading {@code > } lines). Every failure is a {@link ChatSyncException}: a 429 carries {@code retry_after_ms}. The
 * token never appears in a message.
 */
public class MatrixSyncClient implements ChatRoomSync {

    static final int TIMELINE_LIMIT = 100;
    /** The longest long poll this client's transport is built for: a {@code timeout} above is cut to it. */
    public static final Duration POLL_TIMEOUT_LIMIT = Duration.ofSeconds(60);
    private static final String CLIENT_V3 = "/_matrix/client/v3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport transport;
    private final String apiRoot;
    private final String token;
    private final String roomId;
    private volatile String ownUserId;

    /** @param transport its read timeout must outlast the long poll's {@code timeout} */
    public MatrixSyncClient(MatrixProperties properties, HttpTransport transport) {
        properties = properties.effective();
        this.transport = transport;
        this.apiRoot = properties.homeserverUrl().toString().replaceAll("/+$", "");
        this.token = properties.accessToken();
        this.roomId = properties.roomId();
    }

    @Override
    public String ownUserId() {
        String id = ownUserId;
        if (id == null) {
            JsonNode answer = call("GET " + CLIENT_V3 + "/account/whoami", CLIENT_V3 + "/account/whoami");
            id = answer.path("user_id").asText("");
            if (id.isEmpty()) {
                throw new ChatSyncException("GET /account/whoami answered without \"user_id\"", (Duration) null);
            }
            ownUserId = id;
        }
        return id;
    }

    @Override
    public String room() {
        return roomId;
    }

    /** The inline filter: the room's messages and reactions from others, nothing else. */
    String filter() {
        ObjectNode filter = JSON.createObjectNode();
        ObjectNode room = filter.putObject("room");
        room.putArray("rooms").add(roomId);
        ObjectNode timeline = room.putObject("timeline");
        timeline.putArray("types").add("m.room.message").add("m.reaction");
        timeline.putArray("not_senders").add(ownUserId());
        timeline.put("limit", TIMELINE_LIMIT);
        room.putObject("state").putArray("types");
        room.putObject("ephemeral").putArray("types");
        room.putObject("account_data").putArray("types");
        filter.putObject("presence").putArray("types");
        filter.putObject("account_data").putArray("types");
        return filter.toString();
    }

    @Override
    public Batch sync(String since, Duration timeout) {
        long timeoutMs = since == null ? 0 : Math.max(0, Math.min(timeout.toMillis(), POLL_TIMEOUT_LIMIT.toMillis()));
        String path = CLIENT_V3 + "/sync?filter=" + MatrixChannel.encode(filter()) + "&timeout=" + timeoutMs
                + (since == null ? "" : "&since=" + MatrixChannel.encode(since));
        JsonNode answer = call("GET " + CLIENT_V3 + "/sync", path);
        String next = answer.path("next_batch").asText("");
        if (next.isEmpty()) {
            throw new ChatSyncException("GET /sync answered without \"next_batch\"", (Duration) null);
        }
        JsonNode timeline = answer.path("rooms").path("join").path(roomId).path("timeline");
        if (since == null) {
            return new Batch(next, List.of(), false);
        }
        var events = new ArrayList<Event>();
        for (JsonNode event : timeline.path("events")) {
            events.add(event(event));
        }
        return new Batch(next, events, timeline.path("limited").asBoolean(false));
    }

    static Event event(JsonNode event) {
        String id = event.path("event_id").asText();
        String sender = event.path("sender").asText();
        Instant at = Instant.ofEpochMilli(event.path("origin_server_ts").asLong());
        JsonNode content = event.path("content");
        JsonNode relation = content.path("m.relates_to");
        String relType = relation.path("rel_type").asText("");
        switch (event.path("type").asText()) {
            case "m.room.message" -> {
                String msgtype = content.path("msgtype").asText("");
                if (!content.path("body").isTextual() || msgtype.equals("m.notice")) {
                    return new Event(id, sender, Kind.OTHER, "", null, false, at); // redacted, or a bot's notice
                }
                String root = null;
                if (relType.equals("m.thread")) {
                    root = relation.path("event_id").asText(null);
                } else if (relation.path("m.in_reply_to").path("event_id").isTextual()) {
                    root = relation.path("m.in_reply_to").path("event_id").asText();
                }
                return new Event(id, sender, Kind.MESSAGE, withoutFallback(content.path("body").asText()), root,
                        relType.equals("m.replace"), at);
            }
            case "m.reaction" -> {
                if (!relType.equals("m.annotation")) {
                    return new Event(id, sender, Kind.OTHER, "", null, false, at);
                }
                return new Event(id, sender, Kind.REACTION, relation.path("key").asText(""),
                        relation.path("event_id").asText(null), false, at);
            }
            default -> {
                return new Event(id, sender, Kind.OTHER, "", null, false, at);
            }
        }
    }

    /** A reply's body starts with the quoted event ({@code > <@x:y> text} lines, then an empty line). */
    static String withoutFallback(String body) {
        if (!body.startsWith(">")) {
            return body;
        }
        String[] lines = body.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].startsWith(">")) {
            i++;
        }
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
    }

    private JsonNode call(String call, String path) {
        ProviderResponse response;
        try {
            response = transport.send("GET", apiRoot + path,
                    Map.of("Authorization", "Bearer " + token, "Accept", "application/json"), null);
        } catch (ProviderUnavailableException e) {
            throw new ChatSyncException(safe(call + " failed: " + e.getMessage()), (Duration) null);
        }
        JsonNode body = parse(response.body());
        if (!response.isSuccess()) {
            String detail = body.path("errcode").asText("") + " " + body.path("error").asText("");
            if (response.status() == 429) {
                long ms = body.path("retry_after_ms").asLong(-1);
                throw new ChatSyncException(safe(call + " answered 429 (rate limited): " + detail.strip()),
                        ms >= 0 ? Duration.ofMillis(ms) : null);
            }
            String hint = response.status() == 401 ? " (check MATRIX_ACCESS_TOKEN)"
                    : response.status() == 403 ? " (the bot must be in the room: check MATRIX_ROOM_ID)" : "";
            throw new ChatSyncException(safe(call + " answered " + response.status() + hint + ": " + detail.strip()),
                    (Duration) null);
        }
        if (!body.isObject()) {
            throw new ChatSyncException(call + " answered " + response.status() + " without a JSON object",
                    (Duration) null);
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private String safe(String message) {
        return message.replace(token, "<token>");
    }
}
