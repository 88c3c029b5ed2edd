package fr.beta.guichet.notification.mattermost;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * Mattermost's REST API v4 for one bot and one channel, as {@link MattermostChannel} uses it, state in the
 * {@link SandboxStore} (so a thread started before a restart is still there after it):
 * <ul>
 *   <li>{@code GET /api/v4/users/me}: the bot;</li>
 *   <li>{@code POST /api/v4/posts} (201 with the post, {@code props} kept): a reply's {@code root_id} must be a root
 *   post of the channel, else 400 {@code api.post.create_post.root_id.app_error} « Invalid RootId parameter. »;
 *   another channel is a permission error (403);</li>
 *   <li>{@code GET /api/v4/channels/{id}/posts?per_page=&page=&collapsedThreads=}: a PostList
 *   ({@code {order: [ids], posts: {id: post}}}, latest first, at most 200 a page), root posts only with
 *   {@code collapsedThreads=true};</li>
 *   <li>{@code GET /api/v4/posts/{id}/thread}: the root and its replies (404 {@code app.post.get.app_error} for an
 *   unknown post);</li>
 *   <li>{@code POST /api/v4/reactions} (the bot's own {@code user_id}, a valid emoji name; the same reaction twice is
 *   kept once) and {@code GET /api/v4/posts/{id}/reactions}.</li>
 * </ul>
 * Every call needs {@code Authorization: Bearer <token>} (401 {@code api.context.session_expired.app_error}
 * otherwise). Errors are Mattermost's AppError {@code {id, message, detailed_error, request_id, status_code}};
 * a 429 ({@link #rateLimited()}) is {@code limit exceeded} in text with the {@code X-Ratelimit-*} headers.
 * Post ids are 26 characters of Mattermost's alphabet.
 * <p>
 * Storage: {@code post} documents by id (reactions inside), {@code thread} documents (reply ids by root) and one
 * {@code channel} document per channel listing its latest posts and latest roots, so that a lookup reads one
 * document whatever the number of threads.
 */
public class MattermostFakeApi implements FakeApi, SandboxView, SandboxChat {

    public static final String API = "mattermost";
    /** The bot's user id and username at the fake. */
    public static final String BOT_USER_ID = "guichetbot0000000000000000";
    public static final String BOT_USERNAME = "guichet-ops";
    static final int MAX_PAGE = 200;
    /** How many latest posts (and roots) the channel document keeps: what any page of 200 can show. */
    static final int KEPT_IN_CHANNEL = MAX_PAGE;
    private static final int SHOWN_THREADS = 50;
    /** Mattermost's {@code model.NewId}: base32 of 16 random bytes with this alphabet, unpadded. */
    private static final char[] ID_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
    /** Mattermost's {@code Reaction.IsValid}. */
    private static final Pattern EMOJI_NAME = Pattern.compile("^[a-zA-Z0-9\\-+_]{1,64}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecureRandom random = new SecureRandom();
    private final SandboxStore.Collection posts;
    private final SandboxStore.Collection threads;
    private final SandboxStore.Collection channels;
    private final String token;
    private final String channelId;
    private final Clock clock;

    /** @param settings the client's settings ({@link MattermostProperties#effective()}): token and channel */
    public MattermostFakeApi(SandboxStore store, MattermostProperties settings, Clock clock) {
        this.posts = store.collection(API, "post");
        this.threads = store.collection(API, "thread");
        this.channels = store.collection(API, "channel");
        this.token = settings.token();
        this.channelId = settings.channelId();
        this.clock = clock;
    }

    public MattermostFakeApi(SandboxStore store, MattermostProperties settings) {
        this(store, settings, Clock.systemUTC());
    }

    @Override
    public String api() {
        return API;
    }

    /** Mattermost's 429. */
    public static ProviderResponse rateLimited() {
        return new ProviderResponse(429, "limit exceeded\n", Map.of("Content-Type", "text/plain",
                "X-Ratelimit-Limit", "10", "X-Ratelimit-Remaining", "0", "X-Ratelimit-Reset", "1"));
    }

    /** The calls that change the fake's state. */
    public static boolean isWrite(ProviderRequest request) {
        return request.method().equals("POST");
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        if (!("Bearer " + token).equals(request.header("Authorization"))) {
            return error(401, "api.context.session_expired.app_error",
                    "Invalid or expired session, please login again.");
        }
        List<String> path = request.segments();
        if (path.size() < 3 || !path.get(0).equals("api") || !path.get(1).equals("v4")) {
            return notFound();
        }
        String method = request.method();
        List<String> rest = path.subList(2, path.size());
        if (rest.equals(List.of("users", "me")) && method.equals("GET")) {
            return FakeResponses.json(200, Map.of("id", BOT_USER_ID, "username", BOT_USERNAME, "is_bot", true));
        }
        if (rest.equals(List.of("posts")) && method.equals("POST")) {
            return createPost(request);
        }
        if (rest.size() == 3 && rest.get(0).equals("channels") && rest.get(2).equals("posts") && method.equals("GET")) {
            return channelPosts(rest.get(1), request.query());
        }
        if (rest.size() == 3 && rest.get(0).equals("posts") && rest.get(2).equals("thread") && method.equals("GET")) {
            return threadOf(rest.get(1));
        }
        if (rest.size() == 3 && rest.get(0).equals("posts") && rest.get(2).equals("reactions") && method.equals("GET")) {
            return posts.find(rest.get(1)).map(p -> FakeResponses.json(200, reactionsOf(p)))
                    .orElseGet(MattermostFakeApi::permissionDenied);
        }
        if (rest.equals(List.of("reactions")) && method.equals("POST")) {
            return react(request);
        }
        return notFound();
    }

    private ProviderResponse createPost(ProviderRequest request) {
        JsonNode body = json(request.body());
        if (body == null || !body.path("channel_id").isTextual()) {
            return error(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body.");
        }
        if (!channelId.equals(body.path("channel_id").asText())) {
            return permissionDenied();
        }
        String message = body.path("message").asText("");
        if (message.isBlank()) {
            return error(400, "model.post.is_valid.msg.app_error", "Invalid Message.");
        }
        String rootId = body.path("root_id").asText("");
        if (!rootId.isEmpty()) {
            Optional<ObjectNode> root = posts.find(rootId);
            if (root.isEmpty() || !root.get().path("root_id").asText("").isEmpty()
                    || !channelId.equals(root.get().path("channel_id").asText())) {
                return error(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
            }
        }
        long now = clock.millis();
        ObjectNode post = JSON.createObjectNode();
        post.put("id", newId()).put("create_at", now).put("update_at", now).put("edit_at", 0).put("delete_at", 0)
                .put("user_id", BOT_USER_ID).put("channel_id", channelId).put("root_id", rootId)
                .put("message", message).put("type", "");
        post.set("props", body.path("props").isObject() ? body.get("props").deepCopy() : JSON.createObjectNode());
        post.putObject("metadata");
        posts.save(post.get("id").asText(), withReactions(post, List.of()));
        if (!rootId.isEmpty()) {
            ObjectNode thread = threads.find(rootId).orElseGet(JSON::createObjectNode);
            (thread.has("replies") ? (ArrayNode) thread.get("replies") : thread.putArray("replies"))
                    .add(post.get("id").asText());
            threads.save(rootId, thread);
        }
        remember(post, rootId.isEmpty());
        return FakeResponses.json(201, post);
    }

    /** Keeps the post at the head of the channel's latest posts (and roots). */
    private void remember(ObjectNode post, boolean isRoot) {
        ObjectNode channel = channels.find(channelId).orElseGet(JSON::createObjectNode);
        prepend(channel, "latest", post);
        if (isRoot) {
            prepend(channel, "roots", post);
        }
        channels.save(channelId, channel);
    }

    private static void prepend(ObjectNode channel, String field, ObjectNode post) {
        ArrayNode old = channel.has(field) ? (ArrayNode) channel.get(field) : JSON.createArrayNode();
        ArrayNode now = JSON.createArrayNode().add(post);
        for (int i = 0; i < old.size() && now.size() < KEPT_IN_CHANNEL; i++) {
            now.add(old.get(i));
        }
        channel.set(field, now);
    }

    private ProviderResponse channelPosts(String channel, Map<String, String> query) {
        if (!channelId.equals(channel)) {
            return permissionDenied();
        }
        int perPage = Math.max(1, Math.min(MAX_PAGE, intOr(query.get("per_page"), 60)));
        int page = Math.max(0, intOr(query.get("page"), 0));
        boolean collapsed = Boolean.parseBoolean(query.getOrDefault("collapsedThreads", "false"));
        ObjectNode doc = channels.find(channelId).orElseGet(JSON::createObjectNode);
        JsonNode latest = doc.path(collapsed ? "roots" : "latest");
        var list = new ArrayList<JsonNode>();
        for (int i = page * perPage; i < latest.size() && list.size() < perPage; i++) {
            list.add(latest.get(i));
        }
        return FakeResponses.json(200, postList(list));
    }

    private ProviderResponse threadOf(String postId) {
        Optional<ObjectNode> post = posts.find(postId);
        if (post.isEmpty()) {
            return error(404, "app.post.get.app_error", "Unable to get the post.");
        }
        String rootId = post.get().path("root_id").asText("").isEmpty() ? postId : post.get().get("root_id").asText();
        ObjectNode root = posts.find(rootId).orElse(post.get());
        var list = new ArrayList<JsonNode>();
        for (JsonNode replyId : threads.find(rootId).map(t -> t.path("replies")).orElse(JSON.createArrayNode())) {
            posts.find(replyId.asText()).ifPresent(list::add);
        }
        list.sort(Comparator.comparingLong((JsonNode p) -> p.path("create_at").asLong()).reversed());
        list.add(root);
        return FakeResponses.json(200, postList(list));
    }

    private ProviderResponse react(ProviderRequest request) {
        JsonNode body = json(request.body());
        if (body == null) {
            return error(400, "api.context.invalid_body_param.app_error", "Invalid or missing reaction in request body.");
        }
        if (!BOT_USER_ID.equals(body.path("user_id").asText())) {
            return permissionDenied();
        }
        String postId = body.path("post_id").asText("");
        Optional<ObjectNode> post = posts.find(postId);
        if (post.isEmpty()) {
            return permissionDenied();
        }
        String emoji = body.path("emoji_name").asText("");
        if (!EMOJI_NAME.matcher(emoji).matches()) {
            return error(400, "model.reaction.is_valid.emoji_name.app_error", "Invalid emoji name.");
        }
        var names = new LinkedHashSet<String>();
        post.get().path("reactions").forEach(r -> names.add(r.path("emoji_name").asText()));
        long now = clock.millis();
        if (names.add(emoji)) {
            ((ArrayNode) post.get().get("reactions")).add(reaction(postId, emoji, now));
            posts.save(postId, post.get());
        }
        return FakeResponses.json(201, reaction(postId, emoji, now));
    }

    private static ObjectNode reaction(String postId, String emoji, long at) {
        return JSON.createObjectNode().put("user_id", BOT_USER_ID).put("post_id", postId).put("emoji_name", emoji)
                .put("create_at", at);
    }

    private static ObjectNode withReactions(ObjectNode post, List<ObjectNode> reactions) {
        ObjectNode stored = post.deepCopy();
        ArrayNode array = stored.putArray("reactions");
        reactions.forEach(array::add);
        return stored;
    }

    private static JsonNode reactionsOf(ObjectNode stored) {
        return stored.path("reactions");
    }

    /** A post as the API returns it (the stored document keeps reactions beside it). */
    private static JsonNode asPost(JsonNode stored) {
        ObjectNode post = stored.deepCopy();
        post.remove("reactions");
        return post;
    }

    private static Map<String, Object> postList(List<JsonNode> latestFirst) {
        var order = new ArrayList<String>();
        var byId = new LinkedHashMap<String, Object>();
        for (JsonNode post : latestFirst) {
            order.add(post.get("id").asText());
            byId.put(post.get("id").asText(), asPost(post));
        }
        return Map.of("order", order, "posts", byId, "next_post_id", "", "prev_post_id", "", "has_next", false);
    }

    // ---- the sandbox page and tests ----

    @Override
    public String chat() {
        return API;
    }

    @Override
    public List<ChatThread> threads() {
        var roots = new ArrayList<ChatThread>();
        for (SandboxDocument doc : posts.documents()) {
            if (doc.body().path("root_id").asText("").isEmpty()) {
                roots.add(toThread(doc));
            }
        }
        return roots;
    }

    @Override
    public Optional<ChatThread> thread(String rootId) {
        return posts.store().find(API, "post", rootId)
                .filter(d -> d.body().path("root_id").asText("").isEmpty()).map(this::toThread);
    }

    @Override
    public String shownMention(ChatMessage.Mention mention) {
        return MattermostMarkdown.mention(mention);
    }

    private ChatThread toThread(SandboxDocument root) {
        var replies = new ArrayList<ChatThread.Reply>();
        for (JsonNode replyId : threads.find(root.id()).map(t -> t.path("replies")).orElse(JSON.createArrayNode())) {
            posts.store().find(API, "post", replyId.asText()).ifPresent(r -> replies.add(new ChatThread.Reply(
                    r.id(), r.body().path("message").asText(), Instant.ofEpochMilli(r.body().path("create_at").asLong()))));
        }
        var reactions = new LinkedHashSet<String>();
        root.body().path("reactions").forEach(r -> reactions.add(r.path("emoji_name").asText()));
        return new ChatThread(root.id(), root.body().path("message").asText(),
                Instant.ofEpochMilli(root.body().path("create_at").asLong()), replies, reactions);
    }

    /** The latest threads, newest first, read from the channel's document (not every post of the sandbox). */
    @Override
    public List<Table> sandboxTables() {
        var rows = new ArrayList<List<String>>();
        JsonNode roots = channels.find(channelId).map(c -> c.path("roots")).orElse(JSON.createArrayNode());
        for (int i = 0; i < roots.size() && i < SHOWN_THREADS; i++) {
            thread(roots.get(i).path("id").asText()).ifPresent(t -> rows.addAll(ChatThreadRows.of(t)));
        }
        return List.of(new Table("sandbox-mattermost-threads", "sandbox.mattermost.threads", channelId,
                ChatThreadRows.HEADINGS, rows));
    }

    // ---- Mattermost's shapes ----

    private String newId() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var id = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(ID_ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        id.append(ID_ALPHABET[(buffer << (5 - bits)) & 31]);
        return id.toString();
    }

    private ProviderResponse error(int status, String id, String message) {
        return FakeResponses.json(status, Map.of("id", id, "message", message, "detailed_error", "",
                "request_id", newId(), "status_code", status));
    }

    private static ProviderResponse permissionDenied() {
        return FakeResponses.json(403, Map.of("id", "api.context.permissions.app_error",
                "message", "You do not have the appropriate permissions.", "detailed_error", "", "request_id", "",
                "status_code", 403));
    }

    private ProviderResponse notFound() {
        return error(404, "api.context.404.app_error", "Sorry, we could not find the page.");
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
