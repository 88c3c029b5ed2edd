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
        String executionError) {

    public boolean cancellable() {
        return status == RequestStatus.WAITING;
    }
}
