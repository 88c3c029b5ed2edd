package fr.beta.guichet.request.read;

import java.time.Instant;

/** A request as shown on "Mes demandes" and in task forms. Holds no secret. */
public record RequestView(
        String processInstanceId,
        String reference,
        String processKey,
        String description,
        String requester,
        RequestStatus status,
        Instant createdAt,
        Instant endedAt,
        String executor,
        String rejectionReason,
        String executionResult,
        String executionError,
        /** The requester's « Pourquoi ? », for the admins; {@code null} when unknown. */
        String reason,
        /** The executor's note to the requester given with « fait » by hand; {@code null} when none. */
        String doneNote) {

    /** How many characters of the reason a list shows. */
    public static final int SHORT_REASON = 90;

    /** The reason on one line, cut to {@link #SHORT_REASON} characters with « … »; {@code null} when none. */
    public String shortReason() {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String line = reason.strip().replaceAll("\\s+", " ");
        return line.length() <= SHORT_REASON ? line : line.substring(0, SHORT_REASON - 1).stripTrailing() + "…";
    }

    public boolean cancellable() {
        return status == RequestStatus.WAITING;
    }
}
