package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * A rejection (failed check, "Rejeter" at claim or after a failed execution) with its reason, in the thread and by
 * email to the requester when SMTP is configured.
 */
@Component
class NotifyRejectedDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;
    private final AccessHolders holders;

    NotifyRejectedDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail,
            AccessHolders holders) {
        this.thread = thread;
        this.context = context;
        this.mail = mail;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the reason was typed by a person (or is a provider's message): plain text in the chat
        thread.reply(execution, "rejected", "chat.rejected", RequestVariables.REJECTION_REASON.get(execution),
                holders.mention(RequestVariables.REQUESTER.get(execution)));
        mail.send(RequestVariables.REQUESTER.get(execution), "rejected", context.reference(execution),
                context.describe(execution), RequestVariables.REJECTION_REASON.getOrDefault(execution, ""));
    }
}
