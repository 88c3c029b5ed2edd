package fr.beta.guichet.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reading the ops room back (Matrix only): what people write and react in it, batch after batch, each batch
 * ending with the token to ask for the next one. The reader keeps that token; the room's own adapter
 * ({@code matrix}) knows how the chat delivers events.
 */
public interface ChatRoomSync {

    /** The room read (Matrix: its id): the reader keeps its position per room. */
    String room();

    /** The bot's own id in the chat: its own events are never acted on. */
    String ownUserId();

    /**
     * The room's events after {@code since}, waiting up to {@code timeout} for the first one (a long poll).
     * {@code since == null}: the current position only, without history ({@link Batch#events()} empty).
     *
     * @throws ChatSyncException when the chat refuses or cannot be reached; {@link ChatSyncException#retryAfter()}
     *                           says how long it asked to wait, if it did
     */
    Batch sync(String since, Duration timeout);

    /**
     * @param nextBatch where the next call starts
     * @param events    the room's new events, oldest first
     * @param gap       the chat left events out (too many since {@code since}): they are not in {@code events}
     */
    record Batch(String nextBatch, List<Event> events, boolean gap) {
        public Batch {
            events = List.copyOf(events);
        }
    }

    /**
     * One event of the room, as much of it as the actions need.
     *
     * @param sender       the sender's chat id (Matrix: {@code @localpart:server}), never a display name
     * @param kind         a message or a reaction; {@link Kind#OTHER} for anything else
     * @param body         a message's text without the reply fallback (quoted lines); a reaction's key
     * @param threadRootId the thread the message is in ({@code m.thread}, else the event it replies to); the
     *                     event a reaction is on; {@code null} when neither
     * @param edit         the message edits another one ({@code m.replace}): never acted on
     */
    record Event(String eventId, String sender, Kind kind, String body, String threadRootId, boolean edit,
            Instant sentAt) {
    }

    enum Kind {
        MESSAGE,
        REACTION,
        OTHER
    }
}
