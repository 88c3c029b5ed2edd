package fr.beta.guichet.request.start;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.request.identity.EngineUser;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Starts a request process for a requester: readable reference as business key, the form record as the JSON
 * variable {@code request}, the requester as start user, and an authorization that lets the requester read and
 * cancel this instance only. All in one transaction: there is never an instance without its authorization.
 * <p>
 * The reference is taken first ({@link ReferenceGenerator#next}: a database sequence, created once a year in a
 * transaction of its own), and only then is the start transaction opened: a thread never holds two pooled
 * connections at once, so concurrent submissions cannot exhaust the pool waiting on each other (before, 50
 * concurrent requesters stalled the app: bench/README.md). A failed start leaves a gap in the numbering, which
 * references allow.
 */
@Component
public class RequestStarter {

    private final RuntimeService runtimeService;
    private final AuthorizationService authorizationService;
    private final ReferenceGenerator references;
    private final EngineUser engineUser;
    private final TransactionTemplate transaction;

    RequestStarter(RuntimeService runtimeService, AuthorizationService authorizationService,
            ReferenceGenerator references, EngineUser engineUser, PlatformTransactionManager transactions) {
        this.runtimeService = runtimeService;
        this.authorizationService = authorizationService;
        this.references = references;
        this.engineUser = engineUser;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** @return the reference (business key) of the new request */
    public <R extends Record> String start(RequestType<R> type, R request, String requester) {
        String reference = references.next(type.referencePrefix());
        return transaction.execute(status -> start(type, request, requester, reference));
    }

    private <R extends Record> String start(RequestType<R> type, R request, String requester, String reference) {
        String reason = type.reasonOf(request);
        var variables = ProcessVariable.variables(RequestVariables.REQUEST.with(request),
                RequestVariables.REQUESTER.with(requester),
                // what lists show of the request, as a plain string: lists never load the JSON record (RequestReadModel)
                RequestVariables.DESCRIPTION.with(RequestVariables.shortened(type.describe(request))));
        if (reason != null) {
            // what the admins read of « Pourquoi ? » without the JSON record (task list, task page)
            RequestVariables.REQUEST_REASON.putIn(variables, reason);
        }
        var instance = engineUser.as(requester,
                () -> runtimeService.startProcessInstanceByKey(type.processKey(), reference, variables));

        Authorization own = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        own.setUserId(requester);
        own.setResource(Resources.PROCESS_INSTANCE);
        own.setResourceId(instance.getId());
        own.addPermission(Permissions.READ);
        own.addPermission(Permissions.UPDATE);
        authorizationService.saveAuthorization(own);
        return reference;
    }
}
