package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.beta.guichet.calendar.SlaDelay;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Expressions of the models for the question to the requester: the timers of {@code answer-question}
 * ({@code ${dialogue.requesterReminderAfter}}, {@code ${dialogue.cancelAfter}}, SLA delays) and the assignee of
 * {@code claim} ({@code ${dialogue.claimAssignee(execution)}}: nobody at first, the admin who asked after an answer).
 * Bean name {@code dialogue}.
 */
@Component("dialogue")
public class DialogueTimers {

    private final DialogueProperties properties;

    DialogueTimers(DialogueProperties properties) {
        this.properties = properties;
    }

    public String getRequesterReminderAfter() {
        return SlaDelay.of(properties.requesterReminderAfter()).expression();
    }

    public String getCancelAfter() {
        return SlaDelay.of(properties.cancelAfter()).expression();
    }

    /** {@code null} (the group's task) unless the request comes back from a question asked at {@code claim}. */
    public String claimAssignee(DelegateExecution execution) {
        return RequestVariables.ASKED_BY.get(execution);
    }
}
