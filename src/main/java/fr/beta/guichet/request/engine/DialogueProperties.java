package fr.beta.guichet.request.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delays of a question to the requester ({@code guichet.dialogue}): one reminder after {@code requesterReminderAfter}
 * (3 working days), the request cancelled « sans réponse » after {@code cancelAfter} (10 working days). Counted by
 * the SLA calendar: each whole 24 h is one working day.
 */
@ConfigurationProperties("guichet.dialogue")
public record DialogueProperties(Duration requesterReminderAfter, Duration cancelAfter) {

    public DialogueProperties {
        requesterReminderAfter = requesterReminderAfter == null ? Duration.ofDays(3) : requesterReminderAfter;
        cancelAfter = cancelAfter == null ? Duration.ofDays(10) : cancelAfter;
        if (cancelAfter.compareTo(requesterReminderAfter) <= 0) {
            throw new IllegalArgumentException("guichet.dialogue.cancel-after must come after requester-reminder-after");
        }
    }
}
