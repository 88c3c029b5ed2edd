package fr.beta.guichet.chatactions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.ChatRoomSync;
import fr.beta.guichet.notification.ChatSyncException;

/**
 * Reads the ops room, when {@code guichet.chat-actions.enabled} ({@code GUICHET_CHAT_ACTIONS=on}), on a thread of
 * its own; each turn ({@link #poll}):
 * <ol>
 *   <li>takes or renews the room's lease ({@code guichet_chat_reader}): a node without it waits
 *   {@code standby} and asks again — one reader at a time across nodes, another node takes over once a stopped
 *   node's lease expired;</li>
 *   <li>without a stored token: one {@code /sync} without {@code since}, whose position is stored — what was said
 *   before the reader first ran is not acted on;</li>
 *   <li>else a long poll from the stored token; each event goes to {@link ThreadActions} (at most once), then the
 *   batch's {@code next_batch} is stored — only by the lease's holder. A restart (or another node) starts from the
 *   last stored token: an event of a batch cut short is delivered again and found handled;</li>
 *   <li>an error waits {@code backoffMin}, doubled at each error in a row up to {@code backoffMax} (a 429 at least
 *   its {@code retry_after_ms}); a poll that brought nothing sooner than half its timeout waits {@code idleMin}.</li>
 * </ol>
 */
@Component
@EnableConfigurationProperties(ChatActionsProperties.class)
public class RoomReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomReader.class);

    /** What a turn did, and how long to wait before the next one. */
    record Turn(boolean holder, List<ThreadActions.Outcome> outcomes, Duration delay, String error) {
    }

    private final ObjectProvider<ChatRoomSync> rooms;
    private final ThreadActions actions;
    private final ReaderPositions positions;
    private final ChatActionsProperties properties;
    private final Clock clock;
    private final String holder;
    private int failures;
    private volatile boolean running;
    private Thread thread;

    @Autowired
    RoomReader(ObjectProvider<ChatRoomSync> rooms, ThreadActions actions, ReaderPositions positions,
            ChatActionsProperties properties, Clock clock) {
        this(rooms, actions, positions, properties, clock, "node-" + UUID.randomUUID());
    }

    /** @param holder this reader's name in the lease (one per node) */
    RoomReader(ObjectProvider<ChatRoomSync> rooms, ThreadActions actions, ReaderPositions positions,
            ChatActionsProperties properties, Clock clock, String holder) {
        this.rooms = rooms;
        this.actions = actions;
        this.positions = positions;
        this.properties = properties;
        this.clock = clock;
        this.holder = holder;
    }

    /** This node's name in the lease. */
    String holder() {
        return holder;
    }

    private ChatRoomSync room() {
        ChatRoomSync room = rooms.getIfAvailable();
        if (room == null) {
            throw new IllegalStateException(
                    "GUICHET_CHAT_ACTIONS=on reads the Matrix room: set GUICHET_CHAT=matrix or both");
        }
        return room;
    }

    private String reader(ChatRoomSync room) {
        return "matrix:" + room.room();
    }

    /** One turn, with the configured long-poll timeout. */
    Turn poll() {
        return poll(properties.pollTimeout());
    }

    synchronized Turn poll(Duration timeout) {
        ChatRoomSync room = room();
        String reader = reader(room);
        var now = clock.instant();
        if (!positions.acquire(reader, holder, now, now.plus(properties.lease()))) {
            failures = 0;
            return new Turn(false, List.of(), properties.standby(), null);
        }
        var outcomes = new ArrayList<ThreadActions.Outcome>();
        long started = System.nanoTime();
        try {
            String own = room.ownUserId();
            String since = positions.nextBatch(reader);
            ChatRoomSync.Batch batch = room.sync(since, since == null ? Duration.ZERO : timeout);
            if (batch.gap()) {
                log.warn("The room {} had more new events than one batch holds: the older ones are not acted on",
                        room.room());
            }
            for (ChatRoomSync.Event event : batch.events()) {
                outcomes.add(actions.handle(event, own));
            }
            if (!positions.save(reader, holder, batch.nextBatch(), clock.instant())) {
                log.warn("Chat reader {} lost the room's lease while handling a batch: another node goes on", holder);
                return new Turn(false, outcomes, properties.standby(), null);
            }
            failures = 0;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean early = since != null && batch.events().isEmpty() && took.compareTo(timeout.dividedBy(2)) < 0;
            return new Turn(true, outcomes, early ? properties.idleMin() : Duration.ZERO, null);
        } catch (ChatSyncException e) {
            Duration delay = backoff();
            if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(delay) > 0) {
                delay = e.retryAfter().get();
            }
            log.warn("Reading the chat room failed ({} in a row), next try in {}: {}", failures, delay, e.getMessage());
            return new Turn(true, outcomes, delay, e.getMessage());
        } catch (RuntimeException e) {
            Duration delay = backoff();
            log.warn("Handling the chat room's events failed ({} in a row), next try in {}", failures, delay, e);
            return new Turn(true, outcomes, delay, String.valueOf(e.getMessage()));
        }
    }

    private Duration backoff() {
        failures++;
        Duration delay = properties.backoffMin();
        for (int i = 1; i < failures && delay.compareTo(properties.backoffMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(properties.backoffMax()) > 0) {
            delay = properties.backoffMax();
        }
        // up to a tenth more, so that nodes and restarts do not retry in step
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 10 + 1));
    }

    private void loop() {
        while (running) {
            Duration delay;
            try {
                delay = poll().delay();
            } catch (RuntimeException e) {
                log.error("Chat reader turn failed", e);
                delay = properties.backoffMax();
            }
            try {
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        if (!properties.enabled() || running) {
            return;
        }
        room(); // fails the startup when the chat is not Matrix
        running = true;
        thread = new Thread(this::loop, "chat-actions-reader");
        thread.setDaemon(true);
        thread.start();
        log.info("Reading the chat room for actions (« Je prends », « Je passe », « fait », ✅) as {}", holder);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        ChatRoomSync room = rooms.getIfAvailable();
        if (properties.enabled() && room != null) {
            try {
                positions.release(reader(room), holder);
            } catch (RuntimeException e) {
                log.debug("Could not release the chat room's lease; it expires on its own", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the engine and the database go. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
