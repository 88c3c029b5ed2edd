package fr.beta.guichet.grants;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.RequestDoneHook;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Writes the grant of a done request in the « fait » job's transaction: rolled back with it if the job fails, and
 * written once whatever the retries (the request reference is unique).
 */
@Component
class GrantRecorder implements RequestDoneHook {

    private final AccessGrants grants;
    private final GrantInvitations invitations;

    GrantRecorder(AccessGrants grants, GrantInvitations invitations) {
        this.grants = grants;
        this.invitations = invitations;
    }

    @Override
    public void requestDone(DelegateExecution execution, RequestType<?> type, Record request) {
        record(execution, type, request);
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> void record(DelegateExecution execution, RequestType<R> type, Record request) {
        type.grantOf((R) request).ifPresent(spec -> {
            String requester = RequestVariables.REQUESTER.get(execution);
            String email = spec.beneficiaryEmail();
            String user = null;
            if (email == null || email.isBlank()) {
                user = requester;
                email = grants.emailOf(requester).orElse(requester);
            }
            if (grants.byRequest(execution.getProcessBusinessKey()).isPresent()) {
                return;
            }
            grants.recordDone(execution.getProcessBusinessKey(), type.resourceGroup(), email, user, spec.kind(),
                    spec.resource(), spec.providerId(), spec.level(), requester,
                    invitations.pending(spec.kind(), spec.providerId()));
        });
    }
}
