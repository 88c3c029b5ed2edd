package fr.beta.guichet.request.tasks;

/**
 * A task action that cannot be done as asked (someone else took the request first, the request moved on, the
 * person is not a candidate). Carries a message-bundle key: the UI shows the French text, never a stack trace.
 */
public class TaskActionException extends RuntimeException {

    private final String messageKey;

    public TaskActionException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
