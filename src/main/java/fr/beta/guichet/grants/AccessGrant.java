package fr.beta.guichet.grants;

import java.time.Instant;

/**
 * One access of one person, as {@code guichet_access_grant} holds it.
 *
 * @param personEmail      the beneficiary, lowercase
 * @param personUser       the app's user with that email, or the requester for forms naming no email; may be null
 * @param kind             {@code mailbox}, {@code redirection}, {@code matomo}, {@code dockerhub}, {@code sentry}…
 * @param resourceGroup    the admins of the resource (the request type's group)
 * @param resource         French label for the pages
 * @param providerId       the provider's identifiers, space-separated (see each {@link AccessRevoker})
 * @param requestReference the request that gave it, or null when registered by {@code registeredBy}
 * @param requestedBy      who filed that request (null when registered, or for rows written before it was kept)
 * @param invitationPending given by an invitation the holder has not accepted yet (Docker Hub)
 */
public record AccessGrant(String id, String personEmail, String personUser, String kind, String resourceGroup,
        String resource, String providerId, String level, Instant grantedAt, String requestReference,
        String registeredBy, GrantState state, Instant stateChangedAt, String requestedBy,
        boolean invitationPending) {

    public AccessGrant(String id, String personEmail, String personUser, String kind, String resourceGroup,
            String resource, String providerId, String level, Instant grantedAt, String requestReference,
            String registeredBy, GrantState state, Instant stateChangedAt) {
        this(id, personEmail, personUser, kind, resourceGroup, resource, providerId, level, grantedAt,
                requestReference, registeredBy, state, stateChangedAt, null, false);
    }

    /**
     * The message key of how it stands, in French: {@code grant.state.INVITED} (« invitation envoyée ») while an
     * active access waits for its holder to accept the invitation.
     */
    public String stateKey() {
        return state == GrantState.ACTIVE && invitationPending ? "grant.state.INVITED" : "grant.state." + state.name();
    }

    /** The message key of its level ({@code grant.level.view}…); levels already in French have none. */
    public String levelKey() {
        return "grant.level." + (level == null ? "-" : level);
    }

    /** The provider identifier's space-separated fields. */
    public String[] providerFields() {
        return providerId.trim().split("\\s+");
    }

    /** Where it came from: a request's reference, or who registered it. */
    public String origin() {
        return requestReference != null ? requestReference : "enregistré par " + registeredBy;
    }
}
