package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a request process for a requester: readable reference as business key, the form record as the JSON
 * variable {@code request}, the requester as start user, and an authorization that lets the requester read and
 * cancel this instance only. All in one transaction: there is never an instance without its authorization.
 */
@Component
public class RequestStarter {

    private final RuntimeService runtimeService;
    private final AuthorizationService authorizationService;
    private final ReferenceGenerator references;
    private final EngineUser engineUser;

    RequestStarter(RuntimeService runtimeService, AuthorizationService authorizationService,
            ReferenceGenerator references, EngineUser engineUser) {
        this.runtimeService = runtimeService;
        this.authorizationService = authorizationService;
        this.references = references;
        this.engineUser = engineUser;
    }

    /** @return the reference (business key) of the new request */
    @Transactional
    public <R extends Record> String start(RequestType<R> type, R request, String requester) {
        String reference = references.next(type.referencePrefix());
        var variables = Variables.createVariables().putValueTyped(RequestVariables.REQUEST, RequestData.toVariable(request));
        RequestVariables.REQUESTER.putIn(variables, requester);
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
