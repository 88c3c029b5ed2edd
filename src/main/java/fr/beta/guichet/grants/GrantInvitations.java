package fr.beta.guichet.grants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;

/**
 * Accesses given by an invitation the holder has to accept (Docker Hub: someone not yet in the organization is
 * invited to it, in the team). Such a grant is shown « invitation envoyée » until the holder is a member: the
 * provider is read when the grant is written and then every few minutes, never while a page is shown (a provider
 * that misbehaves delays the change, nothing else).
 */
@Component
class GrantInvitations {

    private static final Logger log = LoggerFactory.getLogger(GrantInvitations.class);

    private final DockerHubClient dockerHub;
    private final AccessGrants grants;

    GrantInvitations(DockerHubClient dockerHub, AccessGrants grants) {
        this.dockerHub = dockerHub;
        this.grants = grants;
    }

    /**
     * Whether a new access of this kind still waits for its holder to accept an invitation. Unknown (the provider
     * does not answer) counts as waiting: the refresh below corrects it once the provider answers.
     */
    boolean pending(String kind, String providerId) {
        if (!"dockerhub".equals(kind)) {
            return false;
        }
        String[] f = providerId.trim().split("\\s+");
        try {
            return !dockerHub.isMember(f[0], f[1]);
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            log.warn("Docker Hub membership of a new grant unknown ({}); shown as invited until read again", e.getMessage());
            return true;
        }
    }

    /** Reads the pending invitations again: a holder now member of the team accepted it. */
    @Scheduled(fixedDelayString = "${guichet.grants.invitation-refresh:PT10M}", initialDelayString = "PT2M")
    public int refresh() {
        int accepted = 0;
        for (AccessGrant grant : grants.pendingInvitations()) {
            if (!"dockerhub".equals(grant.kind())) {
                continue;
            }
            String[] f = grant.providerFields();
            try {
                if (f.length >= 2 && dockerHub.isMember(f[0], f[1])) {
                    grants.invitationAccepted(grant.id());
                    accepted++;
                }
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                log.warn("Docker Hub invitation of grant {} not read: {}", grant.id(), e.getMessage());
                return accepted;
            }
        }
        return accepted;
    }
}
