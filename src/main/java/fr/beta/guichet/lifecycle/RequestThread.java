package fr.beta.guichet.lifecycle;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.ChatChannel;

/**
 * The request's thread in the ops chat channel: the announcement is its root post, every later step a reply.
 * Texts come from the message bundle ({@code chat.*} keys) and never contain secrets.
 */
@Component
public class RequestThread {

    public static final String DONE_EMOJI = "white_check_mark";

    private final ChatChannel chat;
    private final MessageSource messages;

    RequestThread(ChatChannel chat, MessageSource messages) {
        this.chat = chat;
        this.messages = messages;
    }

    /** Posts the root message unless the thread exists already (a retried job), and keeps its id. */
    public void start(DelegateExecution execution, String key, Object... args) {
        if (RequestVariables.MATTERMOST_POST_ID.get(execution) != null) {
            return;
        }
        String postId = chat.post(text(key, args));
        RequestVariables.MATTERMOST_POST_ID.set(execution, postId);
    }

    /** Replies in the thread; a request rejected before its announcement has no thread and gets no reply. */
    public void reply(DelegateExecution execution, String key, Object... args) {
        String root = RequestVariables.MATTERMOST_POST_ID.get(execution);
        if (root != null) {
            chat.reply(root, text(key, args));
        }
    }

    public void reply(String rootPostId, String key, Object... args) {
        if (rootPostId != null) {
            chat.reply(rootPostId, text(key, args));
        }
    }

    /** A message of its own in the ops channel, outside any request's thread. */
    public void post(String key, Object... args) {
        chat.post(text(key, args));
    }

    public void markDone(DelegateExecution execution) {
        String root = RequestVariables.MATTERMOST_POST_ID.get(execution);
        if (root != null) {
            chat.react(root, DONE_EMOJI);
        }
    }

    public String text(String key, Object... args) {
        return messages.getMessage(key, args, Locale.FRENCH);
    }
}
