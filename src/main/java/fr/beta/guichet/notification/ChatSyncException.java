package fr.beta.guichet.notification;

import java.time.Duration;
import java.util.Optional;

/** Reading the room failed: a refusal, an error of the chat, or no answer. Never carries a token. */
public class ChatSyncException extends RuntimeException {

    private final transient Duration retryAfter;

    public ChatSyncException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public ChatSyncException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /** How long the chat asked to wait (a 429's {@code retry_after_ms}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
