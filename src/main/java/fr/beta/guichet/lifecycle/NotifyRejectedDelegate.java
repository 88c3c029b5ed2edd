package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;

/**
 * A rejection (failed check, "Rejeter" at claim or after a failed execution) with its reason, in the thread and by
 * email to the requester when SMTP is configured.
 */
@Component
class NotifyRejectedDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;

    NotifyRejectedDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail) {
        this.thread = thread;
        this.context = context;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "rejected", "chat.rejected", RequestVariables.REJECTION_REASON.get(execution),
                RequestVariables.REQUESTER.get(execution));
        mail.send(RequestVariables.REQUESTER.get(execution), "rejected", context.reference(execution),
                context.describe(execution), RequestVariables.REJECTION_REASON.getOrDefault(execution, ""));
    }
}
