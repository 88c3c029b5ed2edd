package fr.beta.guichet.request.variables;

/**
 * Element ids, error codes and message names that every request model shares (docs/design.md), so that tests,
 * metrics and Cockpit read alike across request types.
 */
public final class LifecycleElements {

    public static final String START = "StartEvent_RequestSubmitted";
    public static final String VALIDATE = "validate";
    public static final String ANNOUNCE = "announce";
    public static final String CLAIM = "claim";
    public static final String NOTIFY_CLAIMED = "ServiceTask_NotifyClaimed";
    public static final String EXECUTE = "execute";
    public static final String EXECUTE_MANUALLY = "execute-manually";
    public static final String PROVIDER_READY = "Gateway_ProviderReady";
    public static final String PROVIDER_DELAY = "TimerEvent_ProviderDelay";
    public static final String CHECK_PROVIDER = "ServiceTask_CheckProvider";
    public static final String CONFIRM = "confirm";
    public static final String NOTIFY_DONE = "ServiceTask_NotifyDone";
    public static final String NOTIFY_REJECTED = "ServiceTask_NotifyRejected";
    public static final String NOTIFY_CANCELLED = "ServiceTask_NotifyCancelled";
    public static final String REMIND_HOLDERS = "ServiceTask_RemindHolders";
    public static final String ESCALATE = "ServiceTask_EscalateToManagers";
    public static final String REMINDER_TIMER = "BoundaryEvent_ReminderDue";
    public static final String ESCALATION_TIMER = "BoundaryEvent_EscalationDue";
    public static final String CANCEL_EVENT = "BoundaryEvent_Cancelled";
    public static final String DONE = "done";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";

    /** « Demander une précision »: the question is posted, then the request waits for its requester. */
    public static final String NOTIFY_QUESTION = "ServiceTask_NotifyQuestion";
    /** The user task of the requester, with a reminder and a cancellation timer (the metrics read this id). */
    public static final String ANSWER_QUESTION = "answer-question";
    public static final String NOTIFY_ANSWER = "ServiceTask_NotifyAnswer";
    /** The business checks of {@code validate} again, on a corrected request. */
    public static final String REVALIDATE = "ServiceTask_Revalidate";
    public static final String REMIND_REQUESTER = "ServiceTask_RemindRequester";
    public static final String NOTIFY_UNANSWERED = "ServiceTask_NotifyUnanswered";
    public static final String QUESTION_REMINDER_TIMER = "BoundaryEvent_QuestionReminderDue";
    public static final String QUESTION_EXPIRED_TIMER = "BoundaryEvent_QuestionExpired";
    public static final String REQUESTER_REMINDED = "EndEvent_RequesterReminded";

    /** Thrown by {@code validate} when a business check fails; its message becomes {@code rejectionReason}. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** Correlated by the requester while the request waits at {@code claim}. */
    public static final String MESSAGE_CANCEL = "request-cancelled";

    private LifecycleElements() {
    }
}
