package fr.beta.guichet.provider.mattermost;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.provider.ProviderUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory ops channel that answers like Mattermost's REST API v4 and records everything, for the sandbox
 * mode, the "Bac à sable" page and integration tests. Thread-safe.
 * <p>
 * Like the server: post ids are 26 lowercase alphanumerics; replying to an unknown post or to a reply fails with
 * {@code api.post.create_post.root_id.app_error}; reacting to an unknown post fails with a permission error;
 * emoji names are checked; the same reaction twice is kept once. Like {@link MattermostChannel}, posts are idempotent
 * by key: a root post whose key is already in the channel, or a reply whose key is already in its thread, returns
 * the existing post and posts nothing. Failures are the
 * {@link ProviderUnavailableException} the live client would throw, with the same message shape.
 */
public class SandboxMattermost implements ChatChannel {

    private static final Logger log = LoggerFactory.getLogger(SandboxMattermost.class);
    /** Mattermost's {@code model.NewId}: base32 of 16 random bytes with this alphabet, unpadded. */
    private static final char[] ID_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
    /** Mattermost's {@code Reaction.IsValid}. */
    private static final Pattern EMOJI_NAME = Pattern.compile("^[a-zA-Z0-9\\-+_]{1,64}$");

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Post> roots = new LinkedHashMap<>();
    private final Map<String, Post> posts = new LinkedHashMap<>();
    /** Root posts by idempotency key: the lookup stays constant-time with thousands of threads (benchmark). */
    private final Map<String, Post> rootsByKey = new HashMap<>();

    public SandboxMattermost() {
        this(Clock.systemUTC());
    }

    public SandboxMattermost(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String post(String key, String message) {
        requireKey(key);
        Objects.requireNonNull(message, "message");
        Post existing = rootsByKey.get(key);
        if (existing != null) {
            log.info("Sandbox Mattermost: post {} already made as {}", key, existing.id);
            return existing.id;
        }
        var post = new Post(newId(), key, message, clock.instant());
        roots.put(post.id, post);
        rootsByKey.put(key, post);
        posts.put(post.id, post);
        log.info("Sandbox Mattermost: posted {}", post.id);
        return post.id;
    }

    @Override
    public synchronized void reply(String rootPostId, String key, String message) {
        requireKey(key);
        Objects.requireNonNull(message, "message");
        if (!roots.containsKey(rootPostId)) {
            throw error("POST /api/v4/posts", "api.post.create_post.root_id.app_error",
                    "Invalid RootId parameter.", 400);
        }
        if (roots.get(rootPostId).replies.stream().anyMatch(r -> key.equals(r.key))) {
            log.info("Sandbox Mattermost: reply {} already made in thread {}", key, rootPostId);
            return;
        }
        var reply = new Post(newId(), key, message, clock.instant());
        roots.get(rootPostId).replies.add(reply);
        posts.put(reply.id, reply);
        log.info("Sandbox Mattermost: replied {} in thread {}", reply.id, rootPostId);
    }

    @Override
    public synchronized void react(String postId, String emojiName) {
        var post = posts.get(postId);
        if (post == null) {
            throw error("POST /api/v4/reactions", "api.context.permissions.app_error",
                    "You do not have the appropriate permissions.", 403);
        }
        if (emojiName == null || !EMOJI_NAME.matcher(emojiName).matches()) {
            throw error("POST /api/v4/reactions", "model.reaction.is_valid.emoji_name.app_error",
                    "Invalid emoji name.", 400);
        }
        post.reactions.add(emojiName);
    }

    /** Every thread, oldest first. */
    public synchronized List<SandboxThread> threads() {
        return roots.values().stream().map(Post::toThread).toList();
    }

    public synchronized Optional<SandboxThread> thread(String rootId) {
        return Optional.ofNullable(roots.get(rootId)).map(Post::toThread);
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an idempotency key is required");
        }
    }

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

    private ProviderUnavailableException error(String call, String id, String message, int status) {
        return new MattermostApiError(id, message, newId(), status).toException(call);
    }

    private static final class Post {
        private final String id;
        private final String key;
        private final String message;
        private final Instant createdAt;
        private final List<Post> replies = new ArrayList<>();
        private final Set<String> reactions = new LinkedHashSet<>();

        private Post(String id, String key, String message, Instant createdAt) {
            this.id = id;
            this.key = key;
            this.message = message;
            this.createdAt = createdAt;
        }

        private SandboxThread toThread() {
            var replyViews = replies.stream()
                    .map(r -> new SandboxThread.Reply(r.id, r.message, r.createdAt, r.reactions))
                    .toList();
            return new SandboxThread(id, message, createdAt, replyViews, reactions);
        }
    }
}
