package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code notify-chat}'s job: the reply, idempotent by its key (a retried job finds it posted). */
@Component
class PostChatReplyDelegate implements JavaDelegate {

    private final RequestThread thread;

    PostChatReplyDelegate(RequestThread thread) {
        this.thread = thread;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(ChatReplyProcess.ROOT_POST.get(execution), ChatReplyProcess.IDEMPOTENCY_KEY.get(execution),
                ChatReplyProcess.MESSAGE.get(execution),
                ChatReplyProcess.arguments(ChatReplyProcess.ARGUMENTS.get(execution)).toArray());
    }
}
