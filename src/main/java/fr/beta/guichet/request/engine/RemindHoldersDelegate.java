package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/** Every 24h while unclaimed: a reminder in the thread naming each access holder of the resource group. */
@Component
class RemindHoldersDelegate implements JavaDelegate {

    private final LifecycleContext context;
    private final RequestThread thread;
    private final AccessHolders holders;

    RemindHoldersDelegate(LifecycleContext context, RequestThread thread, AccessHolders holders) {
        this.context = context;
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int count = RequestVariables.REMINDERS_SENT.getOrDefault(execution, 0) + 1;
        thread.reply(execution, "reminder:" + count, "chat.reminder", holders.mentions(context.type(execution).resourceGroup()),
                context.reference(execution), count);
        RequestVariables.REMINDERS_SENT.set(execution, count);
    }
}
