package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * {@code announce}: posts the request in the ops channel, with the requester's « Pourquoi ? » (inert user text),
 * naming the group that holds access.
 */
@Component
class AnnounceRequestDelegate implements JavaDelegate {

    private final LifecycleContext context;
    private final RequestThread thread;
    private final AccessHolders holders;

    AnnounceRequestDelegate(LifecycleContext context, RequestThread thread, AccessHolders holders) {
        this.context = context;
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String group = context.type(execution).resourceGroup();
        thread.start(execution, "announce", "chat.announce", context.reference(execution),
                holders.mention(RequestVariables.REQUESTER.get(execution)), context.describe(execution), group,
                holders.mentions(group), context.reason(execution));
    }
}
