package fr.beta.guichet.notification.mattermost;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The ops channel on a real Mattermost server, through the REST API v4 and a bot's personal access token.
 * <p>
 * Posts are idempotent by key: each post carries its key in {@code props.guichet_key}, and before posting the
 * client looks for a post with that key, in the thread ({@code GET /api/v4/posts/{root}/thread}) for a reply, among
 * the channel's last {@value #RECENT_POSTS} threads ({@code GET /api/v4/channels/{id}/posts?collapsedThreads=true}:
 * root posts only) for a root post. If
 * there is one, its id is returned and nothing is posted, so a job retried after a lost answer does not post twice.
 * Every failure (4xx, 5xx, 429, I/O, unreadable answer), of the lookup or of the post, is a
 * {@link ProviderUnavailableException}, so the job retries and then raises an incident.
 * The token never appears in an exception message.
 * <p>
 * Messages are rendered by {@link MattermostMarkdown}: what a person typed is escaped (no mention, link or markup),
 * the app's mentions are {@code @username} when the person set theirs on « Mon compte », their name otherwise.
 */
public class MattermostChannel implements ChatChannel {

    public static final String PROVIDER = MattermostApiError.PROVIDER;
    private static final String POSTS = "/api/v4/posts";
    private static final String REACTIONS = "/api/v4/reactions";
    private static final String ME = "/api/v4/users/me";
    /** The key is stored in the post's {@code props} under this name. */
    public static final String KEY_PROP = "guichet_key";
    /** How many of the channel's latest threads are searched for a root post's key (Mattermost's maximum page). */
    static final int RECENT_POSTS = 200;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpTransport transport;
    private final String apiRoot;
    private final String token;
    private final String channelId;
    private volatile String botUserId;

    public MattermostChannel(MattermostProperties properties, HttpTransport transport) {
        properties = properties.effective();
        if (properties.baseUrl() == null || isBlank(properties.token()) || isBlank(properties.channelId())) {
            throw new IllegalArgumentException("Mattermost base-url, token and channel-id are required");
        }
        this.transport = transport;
        this.apiRoot = properties.baseUrl().toString().replaceAll("/+$", "");
        this.token = properties.token();
        this.channelId = properties.channelId();
    }

    @Override
    public String post(String key, ChatMessage message) {
        requireKey(key);
        String path = "/api/v4/channels/" + channelId + "/posts?per_page=" + RECENT_POSTS + "&collapsedThreads=true";
        String existing = findByKey(call("GET", path, null), key, "GET " + path);
        return existing != null ? existing : createPost(null, key, MattermostMarkdown.render(message));
    }

    @Override
    public void reply(String rootPostId, String key, ChatMessage message) {
        Objects.requireNonNull(rootPostId, "rootPostId");
        requireKey(key);
        String path = POSTS + "/" + rootPostId + "/thread";
        if (findByKey(call("GET", path, null), key, "GET " + path) == null) {
            createPost(rootPostId, key, MattermostMarkdown.render(message));
        }
    }

    @Override
    public void react(String postId, String emojiName) {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(emojiName, "emojiName");
        var body = json.createObjectNode()
                .put("user_id", botUserId())
                .put("post_id", postId)
                .put("emoji_name", emojiName);
        call("POST", REACTIONS, body);
    }

    /** The bot's own user id, needed in each reaction; it never changes for a token, so one call is enough. */
    private String botUserId() {
        var id = botUserId;
        if (id == null) {
            synchronized (this) {
                if (botUserId == null) {
                    botUserId = requiredText(call("GET", ME, null), "id", "GET " + ME);
                }
                id = botUserId;
            }
        }
        return id;
    }

    /** The id of the post with this key in a post list ({@code {order: [ids], posts: {id: post}}}), or null. */
    private String findByKey(JsonNode list, String key, String call) {
        JsonNode posts = list == null ? null : list.get("posts");
        if (posts == null || !(posts.isObject() || posts.isNull())) {
            throw unavailable(call + " answered without \"posts\"");
        }
        var entries = posts.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            JsonNode post = entry.getValue();
            if (key.equals(post.path("props").path(KEY_PROP).asText(null)) && post.path("delete_at").asLong(0) == 0) {
                return post.hasNonNull("id") ? post.get("id").asText() : entry.getKey();
            }
        }
        return null;
    }

    private String createPost(String rootId, String key, String message) {
        var body = json.createObjectNode()
                .put("channel_id", channelId)
                .put("message", Objects.requireNonNull(message, "message"));
        if (rootId != null) {
            body.put("root_id", rootId);
        }
        body.putObject("props").put(KEY_PROP, key);
        return requiredText(call("POST", POSTS, body), "id", "POST " + POSTS);
    }

    private JsonNode call(String method, String path, ObjectNode body) {
        String call = method + " " + path;
        var headers = body == null
                ? Map.of("Authorization", "Bearer " + token, "Accept", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                        "Content-Type", "application/json");
        ProviderResponse response = transport.send(method, apiRoot + path, headers,
                body == null ? null : body.toString());
        if (!response.isSuccess()) {
            throw failure(call, response);
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw unavailable(call + " answered " + response.status() + " with unreadable JSON: "
                    + abbreviate(e.getOriginalMessage()));
        }
    }

    private ProviderUnavailableException failure(String call, ProviderResponse response) {
        var error = parseAppError(response.body());
        String detail = error != null ? error.describe() : abbreviate(response.body());
        if (response.status() == 429 && response.header("X-Ratelimit-Reset") != null) {
            detail += " (X-Ratelimit-Reset=" + response.header("X-Ratelimit-Reset") + "s)";
        }
        return unavailable(MattermostApiError.failureMessage(call, response.status(), detail));
    }

    private MattermostApiError parseAppError(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.hasNonNull("id") || !node.hasNonNull("message")) {
                return null;
            }
            return new MattermostApiError(node.get("id").asText(), node.get("message").asText(),
                    node.path("request_id").asText(""), node.path("status_code").asInt());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String requiredText(JsonNode node, String field, String call) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw unavailable(call + " answered without \"" + field + "\"");
        }
        return value.asText();
    }

    /** Bodies come from the server or a proxy in front of it: never let one echo the token into an incident. */
    private ProviderUnavailableException unavailable(String message) {
        return new ProviderUnavailableException(MattermostApiError.PROVIDER, message.replace(token, "<token>"));
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
