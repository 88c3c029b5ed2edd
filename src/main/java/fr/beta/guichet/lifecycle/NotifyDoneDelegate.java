package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;

/** "fait": ✅ on the announcement, a reply in its thread, and an email to the requester when SMTP is configured. */
@Component
class NotifyDoneDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;

    NotifyDoneDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail) {
        this.thread = thread;
        this.context = context;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.markDone(execution);
        thread.reply(execution, "done", "chat.done", RequestVariables.EXECUTOR.get(execution),
                RequestVariables.REQUESTER.get(execution));
        mail.send(RequestVariables.REQUESTER.get(execution), "done", context.reference(execution),
                context.describe(execution), RequestVariables.EXECUTION_RESULT.getOrDefault(execution, ""));
    }
}
