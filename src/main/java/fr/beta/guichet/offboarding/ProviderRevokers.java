package fr.beta.guichet.offboarding;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.grants.EngineTime;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.provider.matomo.MatomoClient;
import fr.beta.guichet.provider.mail.MailProvider;
import fr.beta.guichet.provider.sentry.SentryClient;

/**
 * The adapters of the revocation port onto the provider clients. Each reads the grant's provider identifier as its
 * request type wrote it ({@code RequestType#grantOf}) or as an admin registered it ({@code RegistrableKind}).
 */
final class ProviderRevokers {

    private ProviderRevokers() {
    }

    /**
     * {@code mailbox}: {@code <domain> <accountName>}, on the mail provider ({@code guichet.mailboxes.provider}). OVH
     * deletes it; Dimail suspends it and deletes it after {@code guichet.dimail.deletion-grace}
     * ({@link MailboxDeletions}). Taken back once suspended with its deletion scheduled, or gone.
     */
    @Component
    static class Mailbox implements AccessRevoker {
        private final MailProvider mail;

        Mailbox(MailProvider mail) {
            this.mail = mail;
        }

        @Override
        public String kind() {
            return "mailbox";
        }

        @Override
        public void revoke(AccessGrant grant) {
            String[] f = grant.providerFields();
            mail.revokeMailbox(f[0], f[1], EngineTime.now());
        }

        @Override
        public boolean isGone(AccessGrant grant) {
            String[] f = grant.providerFields();
            return mail.isMailboxRevoked(f[0], f[1]);
        }
    }

    /** {@code redirection}: {@code <domain> <from> <to>}; an OVH redirection or a Dimail alias, deleted. */
    @Component
    static class Redirection implements AccessRevoker {
        private final MailProvider mail;

        Redirection(MailProvider mail) {
            this.mail = mail;
        }

        @Override
        public String kind() {
            return "redirection";
        }

        @Override
        public void revoke(AccessGrant grant) {
            String[] f = grant.providerFields();
            mail.removeRedirection(f[0], f[1], f[2]);
        }

        @Override
        public boolean isGone(AccessGrant grant) {
            String[] f = grant.providerFields();
            return mail.isRedirectionGone(f[0], f[1], f[2]);
        }
    }

    /**
     * {@code matomo}: {@code <email> <site URL>}; the login and the site id are looked up at the time (a person
     * without a Matomo login, or a site no longer tracked, has no access). The user is not deleted once without
     * access: a Matomo user with no site sees nothing, and deleting would lose what others shared with them.
     */
    @Component
    static class Matomo implements AccessRevoker {
        private final MatomoClient matomo;

        Matomo(MatomoClient matomo) {
            this.matomo = matomo;
        }

        @Override
        public String kind() {
            return "matomo";
        }

        @Override
        public void revoke(AccessGrant grant) {
            String[] f = grant.providerFields();
            Optional<String> login = matomo.loginForEmail(f[0]);
            Optional<Integer> site = matomo.siteIdForUrl(f[1]);
            if (login.isPresent() && site.isPresent()) {
                matomo.removeAccess(login.get(), site.get());
            }
        }

        @Override
        public boolean isGone(AccessGrant grant) {
            String[] f = grant.providerFields();
            Optional<String> login = matomo.loginForEmail(f[0]);
            Optional<Integer> site = matomo.siteIdForUrl(f[1]);
            return login.isEmpty() || site.isEmpty() || matomo.accessOf(login.get(), site.get()).isEmpty();
        }
    }

    /** {@code dockerhub}: {@code <team> <dockerId>}; a member is removed from the team, a pending invitation cancelled. */
    @Component
    static class DockerHub implements AccessRevoker {
        private final DockerHubClient dockerHub;

        DockerHub(DockerHubClient dockerHub) {
            this.dockerHub = dockerHub;
        }

        @Override
        public String kind() {
            return "dockerhub";
        }

        @Override
        public void revoke(AccessGrant grant) {
            String[] f = grant.providerFields();
            if (!dockerHub.teamExists(f[0])) {
                return;
            }
            dockerHub.removeMember(f[0], f[1]);
            dockerHub.cancelInvite(f[0], f[1]);
        }

        @Override
        public boolean isGone(AccessGrant grant) {
            String[] f = grant.providerFields();
            return !dockerHub.teamExists(f[0]) || (!dockerHub.isMember(f[0], f[1]) && !dockerHub.hasPendingInvite(f[0], f[1]));
        }
    }

    /**
     * {@code sentry}: {@code <team> <email>}. The member is taken out of the team, then out of the organization when
     * they have no other team there (README « Départs »): a member left in the organization without a team would keep
     * its open projects. Gone: not in the team, and not in the organization without a team. A pending invitation is
     * a member for Sentry: removed alike.
     */
    @Component
    static class Sentry implements AccessRevoker {
        private final SentryClient sentry;

        Sentry(SentryClient sentry) {
            this.sentry = sentry;
        }

        @Override
        public String kind() {
            return "sentry";
        }

        @Override
        public void revoke(AccessGrant grant) {
            String[] f = grant.providerFields();
            if (sentry.memberId(f[1]).isEmpty()) {
                return;
            }
            sentry.removeFromTeam(f[1], f[0]);
            if (sentry.teamsOf(f[1]).isEmpty()) {
                sentry.removeMember(f[1]);
            }
        }

        @Override
        public boolean isGone(AccessGrant grant) {
            String[] f = grant.providerFields();
            if (sentry.memberId(f[1]).isEmpty()) {
                return true;
            }
            List<String> teams = sentry.teamsOf(f[1]);
            return !teams.isEmpty() && !teams.contains(f[0]);
        }
    }
}
