package fr.beta.guichet.lifecycle;

import org.springframework.stereotype.Component;

/**
 * Timer expressions of the models: {@code ${escalation.reminderCycle}} and {@code ${escalation.managersAfter}}.
 * Bean name {@code escalation}.
 */
@Component("escalation")
public class EscalationTimers {

    private final EscalationProperties properties;

    EscalationTimers(EscalationProperties properties) {
        this.properties = properties;
    }

    /** ISO 8601 repeating interval: every {@code reminderAfter}, for as long as the task waits. */
    public String getReminderCycle() {
        return "R/" + properties.reminderAfter();
    }

    public String getReminderAfter() {
        return properties.reminderAfter().toString();
    }

    public String getManagersAfter() {
        return properties.managersAfter().toString();
    }
}
