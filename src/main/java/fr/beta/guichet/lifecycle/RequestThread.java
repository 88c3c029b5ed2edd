package fr.beta.guichet.lifecycle;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.ChatChannel;

/**
 * The request's thread in the ops chat channel: the announcement is its root post, every later step a reply.
 * Texts come from the message bundle ({@code chat.*} keys) and never contain secrets.
 * <p>
 * Every post carries an idempotency key ({@link ChatChannel}) made of the request's business key and the step,
 * e.g. {@code SUB-2026-0001:announce}, {@code SUB-2026-0001:reminder:2}: a job retried or re-run after its post
 * was made finds that post and does not post again.
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

    /**
     * Posts the root message unless the thread exists already (a retried job), and keeps its id. The idempotency
     * key is {@code <business key>:<step>}.
     */
    public void start(DelegateExecution execution, String step, String key, Object... args) {
        if (RequestVariables.MATTERMOST_POST_ID.get(execution) != null) {
            return;
        }
        String postId = chat.post(idempotencyKey(execution, step), text(key, args));
        RequestVariables.MATTERMOST_POST_ID.set(execution, postId);
    }

    /**
     * Replies in the thread, with the idempotency key {@code <business key>:<step>}; a request rejected before its
     * announcement has no thread and gets no reply.
     */
    public void reply(DelegateExecution execution, String step, String key, Object... args) {
        String root = RequestVariables.MATTERMOST_POST_ID.get(execution);
        if (root != null) {
            chat.reply(root, idempotencyKey(execution, step), text(key, args));
        }
    }

    /** Replies in a thread outside a job; {@code idempotencyKey} is the caller's, complete. */
    public void reply(String rootPostId, String idempotencyKey, String key, Object... args) {
        if (rootPostId != null) {
            chat.reply(rootPostId, idempotencyKey, text(key, args));
        }
    }

    /** A message of its own in the ops channel, outside any request's thread, keyed {@code <business key>:<step>}. */
    public void post(DelegateExecution execution, String step, String key, Object... args) {
        chat.post(idempotencyKey(execution, step), text(key, args));
    }

    /** {@code <business key>:<step>}, e.g. {@code SUB-2026-0001:reminder:2}; the process instance id if no key. */
    public static String idempotencyKey(DelegateExecution execution, String step) {
        String business = execution.getProcessBusinessKey();
        return (business == null || business.isBlank() ? execution.getProcessInstanceId() : business) + ":" + step;
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
