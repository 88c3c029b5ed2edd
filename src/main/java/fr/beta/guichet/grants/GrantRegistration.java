package fr.beta.guichet.grants;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * An admin of a group registers an access of that group that predates Guichet Ops. It is accepted only once its
 * provider confirms it exists (read through the same revoker that will take it back).
 */
@Component
public class GrantRegistration {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{1,63}$");

    private final AccessGrants grants;
    private final AccessRevokers revokers;

    GrantRegistration(AccessGrants grants, AccessRevokers revokers) {
        this.grants = grants;
        this.revokers = revokers;
    }

    /** @throws TaskActionException with the French message's key when it cannot be registered */
    @Transactional
    public AccessGrant register(Viewer viewer, String kindName, String personEmail, String identifier, String target,
            String level) {
        RegistrableKind kind = RegistrableKind.of(kindName).orElseThrow(() -> new TaskActionException("registry.error.kind"));
        if (!viewer.adminGroups().contains(kind.group())) {
            throw new TaskActionException("registry.error.notYourGroup");
        }
        if (personEmail == null || personEmail.length() > 254 || !EMAIL.matcher(personEmail.trim()).matches()) {
            throw new TaskActionException("offboarding.error.email");
        }
        RegistrableKind.Built built = kind.build(identifier, target, level);
        if (built.errorKey() != null) {
            throw new TaskActionException(built.errorKey());
        }
        if (grants.activeExists(kind.kind(), built.providerId())) {
            throw new TaskActionException("registry.error.known");
        }
        AccessRevoker revoker = revokers.of(kind.kind()).orElseThrow(() -> new TaskActionException("registry.error.kind"));
        AccessGrant candidate = new AccessGrant(null, AccessGrants.normalize(personEmail), null, kind.kind(), kind.group(),
                built.resource(), built.providerId(), built.level(), EngineTime.now(), null, viewer.userId(),
                GrantState.ACTIVE, null);
        boolean unknown;
        try {
            unknown = revoker.isGone(candidate);
        } catch (ProviderRejectedException e) {
            unknown = true;
        } catch (ProviderUnavailableException e) {
            throw new TaskActionException("registry.error.unavailable");
        }
        if (unknown) {
            throw new TaskActionException("registry.error.unknownAtProvider");
        }
        return grants.register(viewer.userId(), personEmail, kind.kind(), kind.group(), built.resource(),
                built.providerId(), built.level());
    }
}
