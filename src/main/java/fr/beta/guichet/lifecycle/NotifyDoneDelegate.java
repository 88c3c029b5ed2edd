package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "fait": ✅ on the announcement and a reply in its thread. */
@Component
class NotifyDoneDelegate implements JavaDelegate {

    private final RequestThread thread;

    NotifyDoneDelegate(RequestThread thread) {
        this.thread = thread;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.markDone(execution);
        thread.reply(execution, "done", "chat.done", RequestVariables.EXECUTOR.get(execution),
                RequestVariables.REQUESTER.get(execution));
    }
}
