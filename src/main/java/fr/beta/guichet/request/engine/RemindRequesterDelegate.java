package fr.beta.guichet.request.engine;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.calendar.Formats;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * The question is still open after {@code guichet.dialogue.requester-reminder-after}: the requester is reminded in
 * the thread ({@code <reference>:question-reminder:<n>}) and by email, with the day the request will be cancelled.
 */
@Component
class RemindRequesterDelegate implements JavaDelegate {

    private final AccessHolders holders;

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;
    private final RequestDialogue dialogue;
    private final Formats formats;

    RemindRequesterDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail,
            RequestDialogue dialogue, Formats formats, AccessHolders holders) {
        this.holders = holders;
        this.thread = thread;
        this.context = context;
        this.mail = mail;
        this.dialogue = dialogue;
        this.formats = formats;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int number = RequestVariables.QUESTION_COUNT.getOrDefault(execution, 1);
        String requester = RequestVariables.REQUESTER.get(execution);
        Instant deadline = dialogue.deadline(execution.getProcessInstanceId()).orElse(null);
        String when = deadline == null ? "" : formats.dateTime(deadline);
        thread.reply(execution, "question-reminder:" + number, "chat.question.reminder", holders.mention(requester),
                context.reference(execution), when);
        RequestVariables.REQUESTER_REMINDED.set(execution, true);
        mail.send(requester, "questionReminder", context.reference(execution), context.describe(execution),
                RequestVariables.QUESTION.get(execution), when);
    }
}
