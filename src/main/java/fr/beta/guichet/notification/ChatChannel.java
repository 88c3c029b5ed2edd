package fr.beta.guichet.notification;

/**
 * The ops chat channel where requests are announced and followed, one thread per request. Messages must never
 * contain a secret.
 * <p>
 * Posts and replies are idempotent by {@code key}: a stable idempotency key chosen by the caller for one logical
 * message, e.g. {@code SUB-2026-0001:announce}, {@code SUB-2026-0001:reminder:2}, {@code SUB-2026-0001:claimed},
 * {@code SUB-2026-0001:done}. An implementation stores the key with the post and, before posting, looks for a post
 * already made with the same key (in the channel for a root post, in the thread for a reply); if there is one, it
 * returns it without posting again. So a job retried after a lost answer (timeout, dropped connection, unreadable
 * body), or re-run on another node after a crash before its commit, does not post the message twice. A message
 * that may legitimately be repeated needs a key that differs each time (a counter, a time bucket).
 */
public interface ChatChannel {

    /**
     * Posts a new root message in the ops channel, unless a root post with this {@code key} exists already, and
     * returns the id of the post (new or existing), which identifies the request's thread.
     */
    String post(String key, String message);

    /** Replies in the thread started by {@code rootPostId}, unless that thread has a reply with this {@code key}. */
    void reply(String rootPostId, String key, String message);

    /** Adds a reaction (emoji name without colons, e.g. {@code white_check_mark}) to a post, once. */
    void react(String postId, String emojiName);
}
