package fr.beta.guichet.chatactions;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.BothChats;
import fr.beta.guichet.notification.ChatRoomSync;
import fr.beta.guichet.request.chat.ChatReplyProcess;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * One event of the room, acted on at most once:
 * <ol>
 *   <li>conversation, the bot's own events, edits, and events outside a running request's thread are ignored
 *   (nothing recorded);</li>
 *   <li>the sender is mapped to a person by their Matrix id only (« Mon compte »; a display name is never read);</li>
 *   <li>in one transaction: the event's row in {@code guichet_chat_event} (its id is the key: a second delivery, or
 *   another node reading the same event, fails there and does nothing) and the action through {@link RequestTasks},
 *   as the person, exactly as the button (operation log, authorizations, the lifecycle's own reply in the thread,
 *   timers stopped);</li>
 *   <li>a refusal (not in the group, taken, not at that step…) is recorded the same way with the reply that says
 *   why, posted by a {@code notify-chat} job ({@link ChatReplyProcess}): never by the reader itself.</li>
 * </ol>
 * A success is answered by the lifecycle's own reply (« 🙋 florian prend la demande », « ⏩ … passe son tour »,
 * « ✅ fait (par …) »), as when the button is used.
 */
@Component
class ThreadActions {

    /** What became of an event. */
    enum Outcome {
        IGNORED,
        DUPLICATE,
        DONE,
        REFUSED,
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(ThreadActions.class);
    private static final int ATTEMPTS = 3;

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final RequestTasks tasks;
    private final AccessHolders holders;
    private final ChatIdentities identities;
    private final ChatReplyProcess replies;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ThreadActions(RuntimeService runtimeService, TaskService taskService, RequestTasks tasks, AccessHolders holders,
            ChatIdentities identities, ChatReplyProcess replies, TransactionTemplate transaction, JdbcTemplate jdbc,
            Clock clock) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.tasks = tasks;
        this.holders = holders;
        this.identities = identities;
        this.replies = replies;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A request by its thread: the running instance, its business key, its whole thread id (every chat's root). */
    record RequestThread(String processInstanceId, String reference, String threadId) {
    }

    /** Why an action is not done: a {@code chat.action.*} message, its arguments and which of them are user ids. */
    static final class Refusal extends RuntimeException {
        final String messageKey;
        final List<String> arguments;
        final Set<Integer> mentioned;

        Refusal(String messageKey, List<String> arguments, Set<Integer> mentioned) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
            this.arguments = arguments;
            this.mentioned = mentioned;
        }
    }

    Outcome handle(ChatRoomSync.Event event, String ownUserId) {
        if (event.sender() == null || event.sender().equals(ownUserId) || event.threadRootId() == null) {
            return Outcome.IGNORED;
        }
        Optional<ChatCommand> command = ChatCommand.of(event);
        if (command.isEmpty()) {
            return Outcome.IGNORED;
        }
        Optional<RequestThread> request = request(event.threadRootId());
        if (request.isEmpty()) {
            return Outcome.IGNORED; // not a running request's root: someone's own thread, or a request that ended
        }
        if (handledAlready(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transaction.execute(status -> {
                    record(event, request.get(), command.get(), "done");
                    act(command.get(), request.get(), person(event));
                    return Outcome.DONE;
                });
            } catch (DuplicateKeyException e) {
                return Outcome.DUPLICATE;
            } catch (Refusal refusal) {
                return refuse(event, request.get(), command.get(), refusal);
            } catch (TaskActionException e) {
                // a race inside the action (another admin's click, a timer): say where the request is now
                return refuse(event, request.get(), command.get(), refusalAfterRace(request.get(), event, e));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        log.error("Chat event {} ({} in {}) failed {} times; recorded as failed, not retried", event.eventId(),
                command.get(), request.get().reference(), ATTEMPTS, failure);
        return refuse(event, request.get(), command.get(), new Refusal("chat.action.busy",
                List.of(event.sender()), Set.of()));
    }

    private boolean handledAlready(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM guichet_chat_event WHERE event_id = ?", Integer.class,
                eventId) > 0;
    }

    private void record(ChatRoomSync.Event event, RequestThread request, ChatCommand command, String outcome) {
        jdbc.update("""
                INSERT INTO guichet_chat_event (event_id, reference, command, sender, outcome, handled_at)
                VALUES (?, ?, ?, ?, ?, ?)""", event.eventId(), request.reference(), command.name(), event.sender(),
                outcome, Timestamp.from(clock.instant()));
    }

    private Outcome refuse(ChatRoomSync.Event event, RequestThread request, ChatCommand command, Refusal refusal) {
        try {
            transaction.executeWithoutResult(status -> {
                record(event, request, command, refusal.messageKey);
                // a stable key: the job of a redelivered event would find its reply posted
                replies.request(request.reference(), request.threadId(),
                        request.reference() + ":chat-event:" + event.eventId(), refusal.messageKey,
                        refusal.arguments, refusal.mentioned);
            });
        } catch (DuplicateKeyException e) {
            return Outcome.DUPLICATE;
        }
        log.info("Chat event {} ({} by {} in {}) refused: {}", event.eventId(), command, event.sender(),
                request.reference(), refusal.messageKey);
        return refusal.messageKey.equals("chat.action.busy") ? Outcome.FAILED : Outcome.REFUSED;
    }

    /** The person behind the sender's Matrix id; a refusal when nobody or several people declared it. */
    private String person(ChatRoomSync.Event event) {
        List<String> users = identities.usersWithMatrixId(event.sender());
        if (users.isEmpty()) {
            throw new Refusal("chat.action.unknown", List.of(event.sender()), Set.of());
        }
        if (users.size() > 1) {
            throw new Refusal("chat.action.ambiguous", List.of(event.sender()), Set.of());
        }
        return users.get(0);
    }

    private void act(ChatCommand command, RequestThread request, String user) {
        Task task = openTask(request);
        String step = task == null ? null : task.getTaskDefinitionKey();
        String executor = RequestVariables.EXECUTOR.get(runtimeService, request.processInstanceId());
        switch (command) {
            case TAKE -> {
                if (!LifecycleElements.CLAIM.equals(step)) {
                    throw executor == null ? refusal("chat.action.notClaimable", user)
                            : executor.equals(user) ? refusal("chat.action.alreadyYours", user)
                            : refusal("chat.action.taken", user, executor);
                }
                checkMember(task, user);
                if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
                    throw refusal("chat.action.taken", user, task.getAssignee());
                }
                tasks.take(task.getId(), user);
            }
            case DECLINE -> {
                if (!LifecycleElements.CLAIM.equals(step)) {
                    throw refusal("chat.action.notClaimable", user);
                }
                checkMember(task, user);
                if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
                    throw refusal("chat.action.taken", user, task.getAssignee());
                }
                tasks.decline(task.getId(), user);
            }
            case CONFIRM -> {
                if (LifecycleElements.CLAIM.equals(step)) {
                    throw refusal("chat.action.notTaken", user);
                }
                if (!LifecycleElements.CONFIRM.equals(step)) {
                    throw refusal("chat.action.notYet", user);
                }
                String owner = executor != null ? executor : task.getAssignee();
                if (!user.equals(owner)) {
                    throw owner == null ? refusal("chat.action.notClaimable", user)
                            : refusal("chat.action.notExecutor", user, owner);
                }
                tasks.confirm(task.getId(), user);
            }
        }
    }

    private void checkMember(Task task, String user) {
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).distinct().toList();
        List<String> theirs = holders.groupsOf(user);
        if (groups.stream().noneMatch(theirs::contains)) {
            throw new Refusal("chat.action.notInGroup", List.of(user, String.join(", ", groups)), Set.of(0));
        }
    }

    private Refusal refusalAfterRace(RequestThread request, ChatRoomSync.Event event, TaskActionException e) {
        List<String> users = identities.usersWithMatrixId(event.sender());
        if (users.size() != 1) {
            return new Refusal("chat.action.busy", List.of(event.sender()), Set.of());
        }
        String user = users.get(0);
        Task task = openTask(request);
        String executor = RequestVariables.EXECUTOR.get(runtimeService, request.processInstanceId());
        String holder = executor != null ? executor : task == null ? null : task.getAssignee();
        if ("task.error.taken".equals(e.getMessage()) && holder != null) {
            return holder.equals(user) ? refusal("chat.action.alreadyYours", user)
                    : refusal("chat.action.taken", user, holder);
        }
        return refusal("chat.action.busy", user);
    }

    /** {@code args[0]} is the sender (mentioned), the others people (mentioned). */
    private static Refusal refusal(String key, String user, String... others) {
        var arguments = new ArrayList<String>();
        arguments.add(user);
        arguments.addAll(Arrays.asList(others));
        var mentioned = new java.util.HashSet<Integer>();
        for (int i = 0; i < arguments.size(); i++) {
            mentioned.add(i);
        }
        return new Refusal(key, arguments, mentioned);
    }

    private Task openTask(RequestThread request) {
        List<Task> open = taskService.createTaskQuery().processInstanceId(request.processInstanceId()).active().list();
        return open.isEmpty() ? null : open.get(0);
    }

    /** The running request whose thread has this root in one of its chats. */
    Optional<RequestThread> request(String rootEventId) {
        for (ProcessInstance instance : RequestVariables.MATTERMOST_POST_ID
                .whereLike(runtimeService.createProcessInstanceQuery(), "%" + rootEventId).list()) {
            String threadId = RequestVariables.MATTERMOST_POST_ID.get(runtimeService, instance.getId());
            if (threadId != null && Arrays.asList(threadId.split("\\" + BothChats.SEPARATOR)).contains(rootEventId)) {
                return Optional.of(new RequestThread(instance.getId(), instance.getBusinessKey(), threadId));
            }
        }
        return Optional.empty();
    }
}
