package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * « Demander une précision »: the question in the thread (keyed {@code <reference>:question:<n>}) and by email to
 * the requester when SMTP is configured; then the request waits at {@code answer-question}.
 */
@Component
class NotifyQuestionDelegate implements JavaDelegate {

    private final AccessHolders holders;

    private final RequestThread thread;
    private final LifecycleContext context;
    private final RequesterMail mail;

    NotifyQuestionDelegate(RequestThread thread, LifecycleContext context, RequesterMail mail, AccessHolders holders) {
        this.holders = holders;
        this.thread = thread;
        this.context = context;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int number = RequestVariables.QUESTION_COUNT.getOrDefault(execution, 1);
        String question = RequestVariables.QUESTION.get(execution);
        String requester = RequestVariables.REQUESTER.get(execution);
        thread.reply(execution, "question:" + number, "chat.question",
                holders.mention(RequestVariables.ASKED_BY.get(execution)), holders.mention(requester), question);
        RequestVariables.REQUESTER_REMINDED.set(execution, false);
        mail.send(requester, "question", context.reference(execution), context.describe(execution), question);
    }
}
