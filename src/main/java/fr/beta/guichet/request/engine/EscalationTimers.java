package fr.beta.guichet.request.engine;

import org.springframework.stereotype.Component;

import fr.beta.guichet.calendar.SlaDelay;

/**
 * Timer expressions of the models: {@code ${escalation.reminderCycle}} and {@code ${escalation.managersAfter}}.
 * Bean name {@code escalation}. The values are SLA delays ({@code sla:P1D}): the engine's SLA calendar counts them
 * in working days and hours, or continuously ({@code GUICHET_SLA_CALENDAR}).
 */
@Component("escalation")
public class EscalationTimers {

    private final EscalationProperties properties;

    EscalationTimers(EscalationProperties properties) {
        this.properties = properties;
    }

    /** Repeating interval: every {@code reminderAfter}, for as long as the task waits ({@code R/sla:P1D}). */
    public String getReminderCycle() {
        return "R/" + getReminderAfter();
    }

    public String getReminderAfter() {
        return SlaDelay.of(properties.reminderAfter()).expression();
    }

    public String getManagersAfter() {
        return SlaDelay.of(properties.managersAfter()).expression();
    }
}
