package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/** The requester withdrew the request while it was unclaimed. */
@Component
class NotifyCancelledDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final AccessHolders holders;

    NotifyCancelledDelegate(RequestThread thread, AccessHolders holders) {
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "cancelled", "chat.cancelled", holders.mention(RequestVariables.REQUESTER.get(execution)));
    }
}
