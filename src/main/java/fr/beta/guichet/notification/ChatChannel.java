package fr.beta.guichet.notification;

/**
 * The ops chat channel where requests are announced and followed, one thread per request. Messages must never
 * contain a secret.
 */
public interface ChatChannel {

    /** Posts a new root message in the ops channel and returns its id, which identifies the request's thread. */
    String post(String message);

    /** Replies in the thread started by {@code rootPostId}. */
    void reply(String rootPostId, String message);

    /** Adds a reaction (emoji name without colons, e.g. {@code white_check_mark}) to a post, once. */
    void react(String postId, String emojiName);
}
