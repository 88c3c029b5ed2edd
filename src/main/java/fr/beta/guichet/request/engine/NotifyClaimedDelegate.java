package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/** "Je prends": tells the thread who executes the request. */
@Component
class NotifyClaimedDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final AccessHolders holders;

    NotifyClaimedDelegate(RequestThread thread, AccessHolders holders) {
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "claimed", "chat.claimed", holders.mention(RequestVariables.EXECUTOR.get(execution)));
    }
}
