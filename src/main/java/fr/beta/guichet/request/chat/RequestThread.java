package fr.beta.guichet.request.chat;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.ChatChannel;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * The request's thread in the ops chat channel: the announcement is its root post, every later step a reply.
 * Texts come from the message bundle ({@code chat.*} keys) and never contain secrets. They are
 * {@link ChatMessage}s: the bundle pattern is the app's text; each argument is a {@link ChatMessage.Mention} (or a
 * list of them) to notify someone, a number, or anything else — a {@code String} in particular — which is shown as
 * the plain text a person typed (inert in every chat: no mention, link or markup).
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
        String postId = chat.post(idempotencyKey(execution, step), message(key, args));
        RequestVariables.MATTERMOST_POST_ID.set(execution, postId);
    }

    /**
     * Replies in the thread, with the idempotency key {@code <business key>:<step>}; a request rejected before its
     * announcement has no thread and gets no reply.
     */
    public void reply(DelegateExecution execution, String step, String key, Object... args) {
        String root = RequestVariables.MATTERMOST_POST_ID.get(execution);
        if (root != null) {
            chat.reply(root, idempotencyKey(execution, step), message(key, args));
        }
    }

    /** Replies in a thread outside a job; {@code idempotencyKey} is the caller's, complete. */
    public void reply(String rootPostId, String idempotencyKey, String key, Object... args) {
        if (rootPostId != null) {
            chat.reply(rootPostId, idempotencyKey, message(key, args));
        }
    }

    /** A message of its own in the ops channel, outside any request's thread, keyed {@code <business key>:<step>}. */
    public void post(DelegateExecution execution, String step, String key, Object... args) {
        chat.post(idempotencyKey(execution, step), message(key, args));
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

    /** The bundle's pattern of {@code key} (French) with these arguments, as a structured chat message. */
    public ChatMessage message(String key, Object... args) {
        // without arguments the bundle answers the raw pattern ({n} and '' kept): ChatMessage.format reads it
        return ChatMessage.format(messages.getMessage(key, null, Locale.FRENCH), args);
    }

    /** The message as plain text (no markup, mentions as names). */
    public String text(String key, Object... args) {
        return message(key, args).plainText();
    }
}
