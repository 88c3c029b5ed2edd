package fr.beta.guichet.manual;

import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.provider.ProviderRejectedException;

/**
 * The revoker of the accesses given by hand ({@code manual}): it always asks a person. At a departure the offboarding
 * turns its refusal into a manual revocation task for the grant's group (claim, « fait », the grant revoked once
 * confirmed), with the type's revocation instructions as the reason.
 */
@Component
class ManualRevoker implements AccessRevoker {

    private final ManualTypes types;

    ManualRevoker(ManualTypes types) {
        this.types = types;
    }

    @Override
    public String kind() {
        return ManualRequestType.GRANT_KIND;
    }

    /** Never done by the app: the group's task says what to remove, and where. */
    @Override
    public void revoke(AccessGrant grant) {
        throw new ProviderRejectedException(ManualRequestType.GRANT_KIND, instructions(grant));
    }

    /** Nothing can be read back: until a person confirms, the access counts as still there. */
    @Override
    public boolean isGone(AccessGrant grant) {
        return false;
    }

    String instructions(AccessGrant grant) {
        String key = grant.providerFields().length == 0 ? "" : grant.providerFields()[0];
        String revocation = types.declared(ManualTypeDefinition.PROCESS_PREFIX + key)
                .flatMap(t -> t.definition().grant())
                .map(ManualTypeDefinition.GrantRule::revocation)
                .orElse("Retirez cet accès à la personne qui part, puis confirmez « fait ».");
        return "À retirer à la main (%s) : %s".formatted(grant.resource(), revocation);
    }
}
