package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A rejection (failed check, "Rejeter" at claim or after a failed execution) with its reason, in the thread. */
@Component
class NotifyRejectedDelegate implements JavaDelegate {

    private final RequestThread thread;

    NotifyRejectedDelegate(RequestThread thread) {
        this.thread = thread;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "rejected", "chat.rejected", RequestVariables.REJECTION_REASON.get(execution),
                RequestVariables.REQUESTER.get(execution));
    }
}
