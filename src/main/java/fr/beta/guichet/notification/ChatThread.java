package fr.beta.guichet.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One request's thread as a sandbox chat holds it: the root post, its replies in order, the reactions on the root.
 * Texts are what the chat shows (Mattermost: the markdown message; Matrix: the plain {@code body}).
 *
 * @param rootId    id of the root post (Mattermost post id, Matrix event id)
 * @param reactions emoji names on the root, Mattermost style ({@code white_check_mark}) whatever the chat
 */
public record ChatThread(String rootId, String message, Instant createdAt, List<Reply> replies,
        Set<String> reactions) {

    public ChatThread {
        replies = List.copyOf(replies);
        reactions = Collections.unmodifiableSet(new LinkedHashSet<>(reactions));
    }

    /** A reply in the thread. */
    public record Reply(String id, String message, Instant createdAt) {
    }

    public List<String> replyMessages() {
        return replies.stream().map(Reply::message).toList();
    }
}
