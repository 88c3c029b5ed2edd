package fr.beta.guichet.notification;

/**
 * The ops chat where requests are announced and followed, one thread per request (Mattermost, Matrix/Tchap, or both
 * during a migration: {@code guichet.chat}). Messages must never contain a secret.
 * <p>
 * Messages are {@link ChatMessage}s: the app's text and mentions apart from what a person typed, which each adapter
 * renders inert for its markup.
 * <p>
 * Posts and replies are idempotent by {@code key}: a stable idempotency key chosen by the caller for one logical
 * message, e.g. {@code SUB-2026-0001:announce}, {@code SUB-2026-0001:reminder:2}, {@code SUB-2026-0001:claimed},
 * {@code SUB-2026-0001:done}. An implementation makes the same key post once (Mattermost: the key is stored in the
 * post and looked up before posting; Matrix: the key gives the transaction id, which the homeserver deduplicates),
 * so a job retried after a lost answer, or re-run on another node after a crash before its commit, does not post
 * the message twice. A message that may legitimately be repeated needs a key that differs each time.
 */
public interface ChatChannel {

    /**
     * Posts a new root message, unless one with this {@code key} exists already, and returns the id of the post
     * (new or existing), which identifies the request's thread.
     */
    String post(String key, ChatMessage message);

    /** Replies in the thread started by {@code rootPostId}, unless that thread has a reply with this {@code key}. */
    void reply(String rootPostId, String key, ChatMessage message);

    /**
     * Adds a reaction to a post, once. {@code emojiName} is Mattermost's name without colons (e.g.
     * {@code white_check_mark}); other chats map it to their own (Matrix: the emoji itself).
     */
    void react(String postId, String emojiName);
}
