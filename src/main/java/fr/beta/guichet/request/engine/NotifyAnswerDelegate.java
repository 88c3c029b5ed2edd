package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/** The requester's answer in the thread ({@code <reference>:answer:<n>}), naming the admin it goes back to. */
@Component
class NotifyAnswerDelegate implements JavaDelegate {

    private final AccessHolders holders;

    private final RequestThread thread;
    private final LifecycleContext context;

    NotifyAnswerDelegate(RequestThread thread, LifecycleContext context, AccessHolders holders) {
        this.holders = holders;
        this.thread = thread;
        this.context = context;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int number = RequestVariables.QUESTION_COUNT.getOrDefault(execution, 1);
        boolean corrected = Boolean.TRUE.equals(RequestVariables.REQUEST_CORRECTED.get(execution));
        thread.reply(execution, "answer:" + number, corrected ? "chat.answer.corrected" : "chat.answer",
                holders.mention(RequestVariables.REQUESTER.get(execution)), RequestVariables.ANSWER.get(execution),
                holders.mention(RequestVariables.ASKED_BY.get(execution)), corrected ? context.describe(execution) : "");
    }
}
