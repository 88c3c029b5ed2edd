package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * The question stayed unanswered for {@code guichet.dialogue.cancel-after}: the request ends in {@code cancelled},
 * flagged {@code unanswered} (« Annulée sans réponse »), told in the thread and by email.
 */
@Component
class NotifyUnansweredDelegate implements JavaDelegate {

    private final AccessHolders holders;

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;

    NotifyUnansweredDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail, AccessHolders holders) {
        this.holders = holders;
        this.thread = thread;
        this.context = context;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int number = RequestVariables.QUESTION_COUNT.getOrDefault(execution, 1);
        String requester = RequestVariables.REQUESTER.get(execution);
        RequestVariables.UNANSWERED.set(execution, true);
        thread.reply(execution, "unanswered:" + number, "chat.unanswered", holders.mention(requester),
                holders.mention(RequestVariables.ASKED_BY.get(execution)));
        mail.send(requester, "unanswered", context.reference(execution), context.describe(execution),
                RequestVariables.QUESTION.get(execution));
    }
}
