package fr.beta.guichet.request.identity;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls on behalf of a person: the authenticated user is set so that Camunda checks that person's
 * authorizations and writes them into the user operation log, then cleared whatever happens.
 */
@Component
public class EngineUser {

    private final IdentityService identityService;
    private final AccessHolders holders;

    EngineUser(IdentityService identityService, AccessHolders holders) {
        this.identityService = identityService;
        this.holders = holders;
    }

    public <T> T as(String userId, Supplier<T> action) {
        var previous = identityService.getCurrentAuthentication();
        identityService.setAuthentication(userId, holders.groupsOf(userId));
        try {
            return action.get();
        } finally {
            if (previous == null) {
                identityService.clearAuthentication();
            } else {
                identityService.setAuthentication(previous);
            }
        }
    }

    public void run(String userId, Runnable action) {
        as(userId, () -> {
            action.run();
            return null;
        });
    }
}
