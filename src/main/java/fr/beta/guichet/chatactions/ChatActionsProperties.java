package fr.beta.guichet.chatactions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Actions from the ops room, under {@code guichet.chat-actions}.
 *
 * @param enabled      {@code GUICHET_CHAT_ACTIONS}: {@code on} reads the room (needs {@code GUICHET_CHAT=matrix} or
 *                     {@code both}); {@code off} (the default) reads nothing
 * @param pollTimeout  how long a {@code /sync} waits for an event (30 s; at most 60 s)
 * @param lease        how long a node's hold on the room lasts without being renewed (2 min); renewed before every
 *                     poll, so it must outlast a poll and the handling of its batch
 * @param standby      how often a node that does not hold the room checks whether it is free (15 s)
 * @param backoffMin   the first wait after an error (1 s), doubled at each error in a row up to {@code backoffMax}
 * @param backoffMax   (5 min); a 429's {@code retry_after_ms} is waited at least
 * @param idleMin      the least time between two polls that brought nothing (1 s): never a busy loop, even against
 *                     a server that answers at once
 */
@ConfigurationProperties("guichet.chat-actions")
public record ChatActionsProperties(boolean enabled, Duration pollTimeout, Duration lease, Duration standby,
        Duration backoffMin, Duration backoffMax, Duration idleMin) {

    public ChatActionsProperties {
        pollTimeout = pollTimeout == null ? Duration.ofSeconds(30) : pollTimeout;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        standby = standby == null ? Duration.ofSeconds(15) : standby;
        backoffMin = backoffMin == null ? Duration.ofSeconds(1) : backoffMin;
        backoffMax = backoffMax == null ? Duration.ofMinutes(5) : backoffMax;
        idleMin = idleMin == null ? Duration.ofSeconds(1) : idleMin;
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("guichet.chat-actions.poll-timeout must be between 0 and 60 s");
        }
        if (lease.compareTo(pollTimeout.multipliedBy(2)) < 0 || lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException(
                    "guichet.chat-actions.lease must be at least twice the poll timeout, and 10 s");
        }
        if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("guichet.chat-actions.backoff-min must be > 0 and <= backoff-max");
        }
    }

    public static ChatActionsProperties defaults() {
        return new ChatActionsProperties(false, null, null, null, null, null, null);
    }
}
