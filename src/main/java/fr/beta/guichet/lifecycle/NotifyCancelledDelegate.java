package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The requester withdrew the request while it was unclaimed. */
@Component
class NotifyCancelledDelegate implements JavaDelegate {

    private final RequestThread thread;

    NotifyCancelledDelegate(RequestThread thread) {
        this.thread = thread;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "cancelled", "chat.cancelled", RequestVariables.REQUESTER.get(execution));
    }
}
