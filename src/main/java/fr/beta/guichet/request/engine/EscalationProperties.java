package fr.beta.guichet.request.engine;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Delays of the {@code claim} timers: a reminder naming the access holders every {@code reminderAfter} while the
 * request is unclaimed, and one escalation to managers after {@code managersAfter}.
 */
@Validated
@ConfigurationProperties("guichet.escalation")
public record EscalationProperties(@NotNull Duration reminderAfter, @NotNull Duration managersAfter) {

    /** The Camunda group the escalation reaches: the incubator's staff. */
    public static final String MANAGERS_GROUP = "managers";

    public EscalationProperties {
        reminderAfter = reminderAfter == null ? Duration.ofHours(24) : reminderAfter;
        managersAfter = managersAfter == null ? Duration.ofHours(48) : managersAfter;
    }
}
