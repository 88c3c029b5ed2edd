package fr.beta.guichet.request.read;

/** Where a request stands, as the requester and the admins read it ({@code status.*} message keys). */
public enum RequestStatus {
    VALIDATING, WAITING, IN_PROGRESS, MANUAL, CONFIRMING, INCIDENT, DONE, REJECTED, CANCELLED,
    /** A question waits for the requester's answer ({@code answer-question}). */
    QUESTION,
    /** Cancelled because the requester did not answer the question in time. */
    UNANSWERED;

    public boolean isOpen() {
        return this != DONE && this != REJECTED && this != CANCELLED && this != UNANSWERED;
    }

    /** DSFR badge flavour. */
    public String badge() {
        return switch (this) {
            case DONE -> "success";
            case REJECTED, INCIDENT -> "error";
            case CANCELLED, UNANSWERED -> "info";
            case WAITING -> "new";
            default -> "warning";
        };
    }
}
