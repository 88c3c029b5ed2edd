package fr.beta.guichet.grants;

import org.springframework.stereotype.Component;

import fr.beta.guichet.request.identity.AccessHolders;

/** Builds the {@link Viewer} of a logged-in user from the identity service. */
@Component
public class Viewers {

    private final AccessHolders holders;
    private final AccessGrants grants;

    Viewers(AccessHolders holders, AccessGrants grants) {
        this.holders = holders;
        this.grants = grants;
    }

    public Viewer of(String userId) {
        return new Viewer(userId, grants.emailOf(userId).orElse(""), holders.groupsOf(userId), grants.addressesOf(userId));
    }
}
