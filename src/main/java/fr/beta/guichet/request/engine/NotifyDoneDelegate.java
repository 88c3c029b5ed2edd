package fr.beta.guichet.request.engine;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.spi.RequestDoneHook;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * "fait": ✅ on the announcement, a reply in its thread, and an email to the requester when SMTP is configured; the
 * executor's note to the requester ({@link RequestVariables#DONE_NOTE}), when « fait » by hand came with one, in both.
 */
@Component
class NotifyDoneDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;
    private final AccessHolders holders;
    private final List<RequestDoneHook> doneHooks;

    NotifyDoneDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail, AccessHolders holders,
            List<RequestDoneHook> doneHooks) {
        this.thread = thread;
        this.context = context;
        this.mail = mail;
        this.holders = holders;
        this.doneHooks = doneHooks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!doneHooks.isEmpty()) {
            RequestType<?> type = context.type(execution);
            Record request = RequestVariables.REQUEST.as(type.requestClass()).get(execution);
            doneHooks.forEach(hook -> hook.requestDone(execution, type, request));
        }
        thread.markDone(execution);
        String note = RequestVariables.DONE_NOTE.get(execution);
        String requester = RequestVariables.REQUESTER.get(execution);
        String result = RequestVariables.EXECUTION_RESULT.getOrDefault(execution, "");
        if (note == null || note.isBlank()) {
            thread.reply(execution, "done", "chat.done", holders.mention(RequestVariables.EXECUTOR.get(execution)),
                    holders.mention(requester));
            mail.send(requester, "done", context.reference(execution), context.describe(execution), result);
        } else {
            // the note was typed by the executor: a String argument, shown as inert plain text in every chat
            thread.reply(execution, "done", "chat.done.note",
                    holders.mention(RequestVariables.EXECUTOR.get(execution)), holders.mention(requester), note);
            mail.send(requester, "doneWithNote", context.reference(execution), context.describe(execution), result,
                    note);
        }
    }
}
