package fr.beta.guichet.notification.matrix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.notification.ChatEmoji;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.notification.ChatThreadRows;
import fr.beta.guichet.notification.SandboxChat;
import fr.beta.guichet.provider.FakeApi;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxDocument;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxView;

/**
 * A Matrix homeserver's client-server API as {@link MatrixChannel} uses it, for one bot joined to one room, state in
 * the {@link SandboxStore}:
 * <ul>
 *   <li>{@code PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}}: stores the event, answers
 *   {@code {"event_id": "$…"}}; the same txnId again from the same access token (same room and type) answers the
 *   <b>original</b> event id and stores nothing (spec, "Transaction identifiers"); a room the bot is not in is 403
 *   {@code M_FORBIDDEN}; a body that is not a JSON object 400 {@code M_NOT_JSON}; a thread or annotation whose parent
 *   is not in the room 400 {@code M_UNKNOWN} (the homeserver's exact answer for that is unverified); a thread rooted
 *   on an event that is itself in a thread 400 {@code M_UNKNOWN}; the same reaction twice from the bot (other txnId)
 *   400 {@code M_DUPLICATE_ANNOTATION}, as Synapse does;</li>
 *   <li>{@code GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}}: the related events, newest
 *   first ({@code limit}, {@code dir=b});</li>
 *   <li>{@code GET /_matrix/client/v3/account/whoami};</li>
 *   <li>{@code POST /_matrix/client/v3/user/{userId}/filter}: stores a filter, answers {@code {"filter_id": "…"}}
 *   (another user than the bot: 403 {@code M_FORBIDDEN});</li>
 *   <li>{@code GET /_matrix/client/v3/sync}: {@code filter} (inline JSON or a filter id: {@code room.rooms},
 *   {@code room.timeline.types} with {@code *} wildcards, {@code senders}, {@code not_senders}, {@code limit}, 10
 *   when absent), {@code since} (a {@code next_batch} of this fake; another token: 400 {@code M_INVALID_PARAM}),
 *   {@code timeout} (milliseconds; not a number: 400 {@code M_INVALID_PARAM}). The room's timeline events after
 *   {@code since}, oldest first; more than {@code limit}: the newest {@code limit} and {@code limited: true} with a
 *   {@code prev_batch}; a room with nothing new is left out; without {@code since}, the latest events
 *   (history). The fake answers at once: {@link MatrixLongPoll} waits up to {@code timeout} between its calls,
 *   outside the store's lock, as the homeserver holds the request open.</li>
 * </ul>
 * Tests speak in the room as other users through {@link #userReplies}, {@link #userReacts} and
 * {@link #userPosts}: events of any sender, delivered by {@code /sync} like the bot's.
 * Every call needs {@code Authorization: Bearer <token>}: none is 401 {@code M_MISSING_TOKEN}, another one 401
 * {@code M_UNKNOWN_TOKEN}. Errors are the spec's {@code {"errcode": "M_…", "error": "…"}}; a 429
 * ({@link #rateLimited()}) is {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms}. Event ids look like room
 * version 4+ ids ({@code $} and 43 URL-safe base64 characters).
 * <p>
 * Storage: {@code event} documents by event id, {@code txn} documents (the event id of each token, room, type and
 * txnId), {@code thread} documents (the event ids related to each thread root, oldest first) and a {@code room}
 * document (its latest root messages, for the « Bac à sable » page), {@code filter} documents; each event has its
 * place in the room's stream ({@code unsigned}), which {@code /sync} tokens name ({@code s<number>}).
 */
public class MatrixFakeApi implements FakeApi, SandboxView, SandboxChat {

    public static final String API = "matrix";
    public static final String BOT_USER_ID = "@guichet-ops:sandbox.invalid";
    private static final int SHOWN_THREADS = 50;
    /** Where an event is in the room's stream ({@code unsigned}, which clients ignore): {@code /sync} tokens. */
    static final String STREAM = "fr.beta.guichet.stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecureRandom random = new SecureRandom();
    private final SandboxStore.Collection events;
    private final SandboxStore.Collection transactions;
    private final SandboxStore.Collection threads;
    private final SandboxStore.Collection rooms;
    private final SandboxStore.Collection filters;
    private final String token;
    private final String roomId;
    private final Clock clock;

    /** @param settings the client's settings ({@link MatrixProperties#effective()}): token and room */
    public MatrixFakeApi(SandboxStore store, MatrixProperties settings, Clock clock) {
        this.events = store.collection(API, "event");
        this.transactions = store.collection(API, "txn");
        this.threads = store.collection(API, "thread");
        this.rooms = store.collection(API, "room");
        this.filters = store.collection(API, "filter");
        this.token = settings.accessToken();
        this.roomId = settings.roomId();
        this.clock = clock;
    }

    public MatrixFakeApi(SandboxStore store, MatrixProperties settings) {
        this(store, settings, Clock.systemUTC());
    }

    @Override
    public String api() {
        return API;
    }

    /** The spec's 429. */
    public static ProviderResponse rateLimited() {
        return FakeResponses.json(429, Map.of("errcode", "M_LIMIT_EXCEEDED", "error", "Too Many Requests",
                "retry_after_ms", 2000), Map.of("Retry-After", "2"));
    }

    /** The calls that change the fake's state. */
    public static boolean isWrite(ProviderRequest request) {
        return request.method().equals("PUT") || request.method().equals("POST");
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(401, "M_MISSING_TOKEN", "Missing access token.");
        }
        if (!authorization.equals("Bearer " + token)) {
            return FakeResponses.json(401, Map.of("errcode", "M_UNKNOWN_TOKEN", "error", "Invalid access token passed.",
                    "soft_logout", false));
        }
        List<String> path = request.segments();
        if (path.size() < 3 || !path.get(0).equals("_matrix") || !path.get(1).equals("client")) {
            return unrecognized(404);
        }
        String version = path.get(2);
        List<String> rest = path.subList(3, path.size());
        String method = request.method();
        if (version.equals("v3") && rest.equals(List.of("account", "whoami")) && method.equals("GET")) {
            return FakeResponses.json(200, Map.of("user_id", BOT_USER_ID, "device_id", "GUICHETOPS", "is_guest", false));
        }
        if (version.equals("v3") && rest.equals(List.of("sync"))) {
            return method.equals("GET") ? sync(request.query()) : unrecognized(405);
        }
        if (version.equals("v3") && rest.size() == 3 && rest.get(0).equals("user") && rest.get(2).equals("filter")) {
            return method.equals("POST") ? createFilter(rest.get(1), request.body()) : unrecognized(405);
        }
        if (version.equals("v3") && rest.size() == 5 && rest.get(0).equals("rooms") && rest.get(2).equals("send")) {
            return method.equals("PUT") ? send(rest.get(1), rest.get(3), rest.get(4), request.body()) : unrecognized(405);
        }
        if (version.equals("v1") && rest.size() == 5 && rest.get(0).equals("rooms") && rest.get(2).equals("relations")
                && method.equals("GET")) {
            return relations(rest.get(1), rest.get(3), rest.get(4), request.query());
        }
        return unrecognized(404);
    }

    private ProviderResponse send(String room, String type, String txnId, String body) {
        if (!roomId.equals(room)) {
            return error(403, "M_FORBIDDEN", "User " + BOT_USER_ID + " not in room " + room + " (None)");
        }
        String txnKey = tokenHash() + "|" + room + "|" + type + "|" + txnId;
        Optional<ObjectNode> seen = transactions.find(txnKey);
        if (seen.isPresent()) {
            return FakeResponses.json(200, Map.of("event_id", seen.get().get("event_id").asText()));
        }
        JsonNode content = json(body);
        if (content == null) {
            return error(400, "M_NOT_JSON", "Content not JSON.");
        }
        JsonNode relation = content.path("m.relates_to");
        String relType = relation.path("rel_type").asText("");
        String parentId = relation.path("event_id").asText("");
        if (!relType.isEmpty()) {
            Optional<ObjectNode> parent = events.find(parentId).filter(e -> room.equals(e.path("room_id").asText()));
            if (parent.isEmpty()) {
                return error(400, "M_UNKNOWN", "Unknown parent event " + parentId);
            }
            if (relType.equals("m.thread") && !parent.get().path("content").path("m.relates_to").isMissingNode()) {
                return error(400, "M_UNKNOWN", "Cannot start threads from an event with a relation");
            }
            if (relType.equals("m.annotation")) {
                String key = relation.path("key").asText("");
                if (key.isEmpty()) {
                    return error(400, "M_INVALID_PARAM", "Annotation key is missing");
                }
                if (related(parentId).stream().anyMatch(e -> e.path("type").asText().equals("m.reaction")
                        && e.path("sender").asText().equals(BOT_USER_ID)
                        && key.equals(e.path("content").path("m.relates_to").path("key").asText()))) {
                    return error(400, "M_DUPLICATE_ANNOTATION", "Can't send same reaction twice");
                }
            }
        }
        String eventId = store(room, type, BOT_USER_ID, (ObjectNode) content);
        transactions.save(txnKey, JSON.createObjectNode().put("event_id", eventId));
        return FakeResponses.json(200, Map.of("event_id", eventId));
    }

    /** Stores an event of the room, in the room's stream order, and its relation. */
    private String store(String room, String type, String sender, ObjectNode content) {
        JsonNode relation = content.path("m.relates_to");
        String relType = relation.path("rel_type").asText("");
        String parentId = relation.path("event_id").asText("");
        String eventId = newEventId();
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", eventId).put("room_id", room).put("type", type).put("sender", sender)
                .put("origin_server_ts", clock.millis());
        event.set("content", content);
        event.putObject("unsigned").put(STREAM, events.store().nextNumber(API));
        events.save(eventId, event);
        if (relType.isEmpty() && type.equals("m.room.message")) {
            rememberRoot(room, eventId);
        }
        if (!relType.isEmpty() && !parentId.isEmpty()) {
            ObjectNode thread = threads.find(parentId).orElseGet(JSON::createObjectNode);
            (thread.has("related") ? (ArrayNode) thread.get("related") : thread.putArray("related")).add(eventId);
            threads.save(parentId, thread);
        }
        return eventId;
    }

    // ---- reading the room: /sync and filters ----

    private ProviderResponse createFilter(String userId, String body) {
        if (!BOT_USER_ID.equals(userId)) {
            return error(403, "M_FORBIDDEN", "Cannot create filters for other users");
        }
        JsonNode filter = json(body);
        if (filter == null) {
            return error(400, "M_NOT_JSON", "Content not JSON.");
        }
        String id = String.valueOf(events.store().nextNumber(API));
        filters.save(id, (ObjectNode) filter);
        return FakeResponses.json(200, Map.of("filter_id", id));
    }

    private ProviderResponse sync(Map<String, String> query) {
        String timeout = query.get("timeout");
        if (timeout != null && !timeout.matches("\\d{1,9}")) {
            return error(400, "M_INVALID_PARAM", "timeout must be an integer");
        }
        JsonNode filter = JSON.createObjectNode();
        String filterParam = query.get("filter");
        if (filterParam != null && filterParam.startsWith("{")) {
            filter = json(filterParam);
            if (filter == null) {
                return error(400, "M_NOT_JSON", "filter is not JSON");
            }
        } else if (filterParam != null) {
            Optional<ObjectNode> stored = filters.find(filterParam);
            if (stored.isEmpty()) {
                return error(400, "M_INVALID_PARAM", "No such filter");
            }
            filter = stored.get();
        }
        String since = query.get("since");
        long from = 0;
        if (since != null) {
            if (!since.matches("s\\d{1,18}")) {
                return error(400, "M_INVALID_PARAM", "Unknown since token");
            }
            from = Long.parseLong(since.substring(1));
        }
        JsonNode roomFilter = filter.path("room");
        JsonNode timelineFilter = roomFilter.path("timeline");
        int limit = Math.max(1, timelineFilter.path("limit").asInt(10));
        boolean roomWanted = !roomFilter.path("rooms").isArray()
                || contains(roomFilter.path("rooms"), roomId);
        long position = from;
        var matching = new ArrayList<ObjectNode>();
        for (ObjectNode event : events.list()) {
            long stream = event.path("unsigned").path(STREAM).asLong(0);
            position = Math.max(position, stream);
            if (stream > from && roomWanted && roomId.equals(event.path("room_id").asText())
                    && wanted(timelineFilter, event)) {
                matching.add(event);
            }
        }
        matching.sort(java.util.Comparator.comparingLong(e -> e.path("unsigned").path(STREAM).asLong()));
        boolean limited = matching.size() > limit;
        List<ObjectNode> shown = limited ? matching.subList(matching.size() - limit, matching.size()) : matching;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("next_batch", "s" + position);
        ObjectNode join = answer.putObject("rooms").putObject("join");
        if (!shown.isEmpty() || (since == null && roomWanted)) {
            ObjectNode timeline = join.putObject(roomId).putObject("timeline");
            shown.forEach(timeline.putArray("events")::add);
            timeline.put("limited", limited);
            long first = shown.isEmpty() ? position : shown.get(0).path("unsigned").path(STREAM).asLong();
            timeline.put("prev_batch", "s" + (first - 1));
        }
        return FakeResponses.json(200, answer);
    }

    private static boolean wanted(JsonNode timelineFilter, JsonNode event) {
        String type = event.path("type").asText();
        String sender = event.path("sender").asText();
        JsonNode types = timelineFilter.path("types");
        if (types.isArray()) {
            boolean any = false;
            for (JsonNode t : types) {
                String pattern = t.asText();
                any |= pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                        : type.equals(pattern);
            }
            if (!any) {
                return false;
            }
        }
        if (timelineFilter.path("senders").isArray() && !contains(timelineFilter.path("senders"), sender)) {
            return false;
        }
        return !contains(timelineFilter.path("not_senders"), sender);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    // ---- other people in the room (tests) ----

    /** {@code sender} answers in the thread of {@code rootId}, as Element does (thread relation and fallback). */
    public String userReplies(String sender, String rootId, String body) {
        ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
        ObjectNode relation = content.putObject("m.relates_to");
        relation.put("rel_type", "m.thread").put("event_id", rootId).put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", rootId);
        return userSends(sender, "m.room.message", content);
    }

    /** {@code sender} reacts with {@code key} on {@code eventId}. */
    public String userReacts(String sender, String eventId, String key) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        return userSends(sender, "m.reaction", content);
    }

    /** {@code sender} writes in the room, outside any thread. */
    public String userPosts(String sender, String body) {
        return userSends(sender, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    /** Any event of {@code sender} in the room. */
    public String userSends(String sender, String type, ObjectNode content) {
        return events.store().atomically(API, () -> store(roomId, type, sender, content.deepCopy()));
    }

    /** The room's latest root messages, newest first (the sandbox page reads those, not every event). */
    private void rememberRoot(String room, String eventId) {
        ObjectNode doc = rooms.find(room).orElseGet(JSON::createObjectNode);
        ArrayNode now = JSON.createArrayNode().add(eventId);
        JsonNode old = doc.path("roots");
        for (int i = 0; i < old.size() && now.size() < SHOWN_THREADS; i++) {
            now.add(old.get(i));
        }
        doc.set("roots", now);
        rooms.save(room, doc);
    }

    private ProviderResponse relations(String room, String eventId, String relType, Map<String, String> query) {
        if (!roomId.equals(room)) {
            return error(403, "M_FORBIDDEN", "User " + BOT_USER_ID + " not in room " + room + " (None)");
        }
        if (events.find(eventId).isEmpty()) {
            return error(404, "M_NOT_FOUND", "Event not found.");
        }
        int limit = Math.max(1, Math.min(100, intOr(query.get("limit"), 5)));
        boolean newestFirst = !"f".equals(query.get("dir"));
        List<ObjectNode> related = new ArrayList<>(related(eventId).stream()
                .filter(e -> relType.equals(e.path("content").path("m.relates_to").path("rel_type").asText()))
                .toList());
        if (newestFirst) {
            java.util.Collections.reverse(related);
        }
        var chunk = JSON.createArrayNode();
        related.stream().limit(limit).forEach(chunk::add);
        return FakeResponses.json(200, Map.of("chunk", chunk));
    }

    /** The events related to this one, oldest first. */
    private List<ObjectNode> related(String eventId) {
        var all = new ArrayList<ObjectNode>();
        threads.find(eventId).ifPresent(t -> t.path("related").forEach(id -> events.find(id.asText()).ifPresent(all::add)));
        return all;
    }

    // ---- the sandbox page and tests ----

    @Override
    public String chat() {
        return API;
    }

    @Override
    public List<ChatThread> threads() {
        var roots = new ArrayList<ChatThread>();
        for (SandboxDocument doc : events.documents()) {
            if (isRootMessage(doc.body())) {
                roots.add(toThread(doc.body()));
            }
        }
        return roots;
    }

    @Override
    public Optional<ChatThread> thread(String rootId) {
        return events.find(rootId).filter(MatrixFakeApi::isRootMessage).map(this::toThread);
    }

    /** Every event of the room, oldest first (for assertions on what the client sent). */
    public List<ObjectNode> events() {
        return events.list();
    }

    @Override
    public String shownMention(ChatMessage.Mention mention) {
        return MatrixHtml.render(new ChatMessage(List.of(mention))).body();
    }

    private static boolean isRootMessage(JsonNode event) {
        return event.path("type").asText().equals("m.room.message")
                && event.path("content").path("m.relates_to").isMissingNode();
    }

    private ChatThread toThread(JsonNode root) {
        var replies = new ArrayList<ChatThread.Reply>();
        var reactions = new LinkedHashSet<String>();
        for (ObjectNode e : related(root.path("event_id").asText())) {
            JsonNode relation = e.path("content").path("m.relates_to");
            if (e.path("type").asText().equals("m.room.message") && relation.path("rel_type").asText().equals("m.thread")) {
                replies.add(new ChatThread.Reply(e.path("event_id").asText(), e.path("content").path("body").asText(),
                        Instant.ofEpochMilli(e.path("origin_server_ts").asLong())));
            } else if (e.path("type").asText().equals("m.reaction")) {
                reactions.add(ChatEmoji.name(relation.path("key").asText()));
            }
        }
        return new ChatThread(root.path("event_id").asText(), root.path("content").path("body").asText(),
                Instant.ofEpochMilli(root.path("origin_server_ts").asLong()), replies, reactions);
    }

    /** The latest threads, newest first. */
    @Override
    public List<Table> sandboxTables() {
        var rows = new ArrayList<List<String>>();
        for (JsonNode rootId : rooms.find(roomId).map(r -> r.path("roots")).orElse(JSON.createArrayNode())) {
            thread(rootId.asText()).ifPresent(t -> rows.addAll(ChatThreadRows.of(t)));
        }
        return List.of(new Table("sandbox-matrix-threads", "sandbox.matrix.threads", roomId, ChatThreadRows.HEADINGS,
                rows));
    }

    // ---- the spec's shapes ----

    private String newEventId() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return "$" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Transactions are scoped to the access token (the device): the fake keys them by a hash of it. */
    private String tokenHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderResponse error(int status, String errcode, String message) {
        return FakeResponses.json(status, Map.of("errcode", errcode, "error", message));
    }

    private static ProviderResponse unrecognized(int status) {
        return error(status, "M_UNRECOGNIZED", "Unrecognized request");
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
