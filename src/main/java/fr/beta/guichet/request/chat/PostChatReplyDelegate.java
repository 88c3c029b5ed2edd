package fr.beta.guichet.request.chat;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.identity.AccessHolders;

/** {@code notify-chat}'s job: the reply, idempotent by its key (a retried job finds it posted). */
@Component
class PostChatReplyDelegate implements JavaDelegate {

    private final RequestThread thread;
    private final AccessHolders holders;

    PostChatReplyDelegate(RequestThread thread, AccessHolders holders) {
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> arguments = ChatReplyProcess.arguments(ChatReplyProcess.ARGUMENTS.get(execution));
        String mentioned = ChatReplyProcess.MENTIONED.get(execution);
        List<String> indexes = mentioned == null ? List.of() : ChatReplyProcess.arguments(mentioned);
        Object[] args = arguments.toArray();
        for (String index : indexes) {
            int i = Integer.parseInt(index);
            args[i] = holders.mention(arguments.get(i)); // the app's mention; any other argument stays plain text
        }
        thread.reply(ChatReplyProcess.ROOT_POST.get(execution), ChatReplyProcess.IDEMPOTENCY_KEY.get(execution),
                ChatReplyProcess.MESSAGE.get(execution), args);
    }
}
