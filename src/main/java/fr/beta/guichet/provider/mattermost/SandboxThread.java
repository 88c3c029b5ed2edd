package fr.beta.guichet.provider.mattermost;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of one thread posted to the sandbox channel: the root post, its replies in order, and the emoji
 * reactions on the root post.
 *
 * @param rootId    id of the root post (26 lowercase alphanumerics, as on Mattermost)
 * @param message   text of the root post
 * @param createdAt when the root post was made
 * @param replies   replies, oldest first
 * @param reactions emoji names on the root post, in the order they were first added
 */
public record SandboxThread(String rootId, String message, Instant createdAt, List<Reply> replies,
        Set<String> reactions) {

    public SandboxThread {
        replies = List.copyOf(replies);
        reactions = Collections.unmodifiableSet(new LinkedHashSet<>(reactions));
    }

    /**
     * A reply in the thread, with its reactions in the order they were first added (Mattermost accepts reactions
     * on replies too).
     */
    public record Reply(String id, String message, Instant createdAt, Set<String> reactions) {

        public Reply {
            reactions = Collections.unmodifiableSet(new LinkedHashSet<>(reactions));
        }
    }
}
