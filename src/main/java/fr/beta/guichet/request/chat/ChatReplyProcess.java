package fr.beta.guichet.request.chat;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.request.variables.ProcessVariable;

/**
 * {@code notify-chat}: a reply in a request's thread that a person's action calls for (« Je passe »), posted by an
 * asynchronous job of its own ({@link PostChatReplyDelegate}). {@link #request} runs in the action's transaction:
 * the action and the job commit together, the post happens after, retried on its own, never as the person's error.
 * The instance runs without an authenticated user, like the engine's own jobs: a notification is not the person's
 * engine action (their own action, before it, is checked and logged as theirs).
 */
@Component
public class ChatReplyProcess {

    public static final String KEY = "notify-chat";
    static final ProcessVariable<String> ROOT_POST = ProcessVariable.string("chatRootPostId");
    static final ProcessVariable<String> IDEMPOTENCY_KEY = ProcessVariable.string("chatIdempotencyKey");
    static final ProcessVariable<String> MESSAGE = ProcessVariable.string("chatMessage");
    static final ProcessVariable<String> ARGUMENTS = ProcessVariable.string("chatArguments");
    /** Indexes of the arguments that are user ids to mention (a JSON list); any other argument is plain text. */
    static final ProcessVariable<String> MENTIONED = ProcessVariable.string("chatMentioned");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeService runtimeService;

    ChatReplyProcess(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /**
     * @param reference      the request's business key (Cockpit finds the notification by it)
     * @param rootPostId     the thread; nothing is posted when the request has none
     * @param idempotencyKey complete key of the reply
     * @param message        {@code chat.*} message key; {@code arguments} its arguments (no secret)
     */
    public void request(String reference, String rootPostId, String idempotencyKey, String message,
            List<String> arguments) {
        request(reference, rootPostId, idempotencyKey, message, arguments, java.util.Set.of());
    }

    /**
     * @param mentioned indexes of {@code arguments} that are user ids, posted as mentions of those people; every
     *                  other argument is shown as plain text (typed text is inert in the chat)
     */
    public void request(String reference, String rootPostId, String idempotencyKey, String message,
            List<String> arguments, java.util.Set<Integer> mentioned) {
        if (rootPostId == null) {
            return;
        }
        var variables = Variables.createVariables();
        ROOT_POST.putIn(variables, rootPostId);
        IDEMPOTENCY_KEY.putIn(variables, idempotencyKey);
        MESSAGE.putIn(variables, message);
        ARGUMENTS.putIn(variables, write(arguments));
        MENTIONED.putIn(variables, write(mentioned.stream().sorted().map(String::valueOf).toList()));
        runtimeService.startProcessInstanceByKey(KEY, reference, variables);
    }

    static List<String> arguments(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat arguments are not a JSON list", e);
        }
    }

    private static String write(List<String> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
