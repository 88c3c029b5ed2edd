package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.grants.AccessRevokers;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.matomo.MatomoClient;
import fr.beta.guichet.provider.ovh.EmailDomainClient;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The revocation adapters against the providers' sandbox fakes (the live clients over the seam): each access is
 * there, revoked, read back gone; revoking again is a no-op (absent counts as done).
 */
@GuichetSpringTest
class ProviderRevokersTests {

    @Autowired AccessRevokers revokers;
    @Autowired DockerHubClient dockerHub;
    @Autowired MatomoClient matomo;
    @Autowired EmailDomainClient email;
    @Value("${guichet.ovh.mail-domain}") String domain;

    @Test
    void dockerHubMemberRemovedFromTheTeam() {
        String id = "gone" + suffix();
        dockerHub.addMember("developers", id);
        revokeTwiceAndReadBack(grant("dockerhub", "developers " + id));
        assertThat(dockerHub.isMember("developers", id)).isFalse();
        assertThat(dockerHub.hasPendingInvite("developers", id)).isFalse();
    }

    @Test
    void matomoAccessRemoved() {
        String person = "p" + suffix() + "@example.org";
        String url = "https://site-" + suffix() + ".beta.gouv.fr";
        int site = matomo.addSite("Site", url);
        matomo.inviteUser(person, person, site);
        matomo.setAccess(person, MatomoAccess.WRITE, site);
        revokeTwiceAndReadBack(grant("matomo", person + " " + url));
        assertThat(matomo.accessOf(person, site)).isEmpty();
    }

    @Test
    void redirectionAndMailboxDeletedAtOvh() {
        String local = "depart." + suffix();
        String from = local + "@" + domain;
        email.createRedirection(domain, from, "perso@example.org", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> !email.findRedirections(domain, from, "perso@example.org").isEmpty());
        revokeTwiceAndReadBack(grant("redirection", domain + " " + from + " perso@example.org"));

        email.createAccount(domain, local, "Un-mot-de-passe-42", "test");
        await().atMost(Duration.ofSeconds(20)).until(() -> email.findAccount(domain, local).isPresent());
        revokeTwiceAndReadBack(grant("mailbox", domain + " " + local));
    }

    private void revokeTwiceAndReadBack(AccessGrant grant) {
        AccessRevoker revoker = revokers.of(grant.kind()).orElseThrow();
        assertThat(revoker.isGone(grant)).as("there before").isFalse();
        revoker.revoke(grant);
        await().atMost(Duration.ofSeconds(20)).until(() -> revoker.isGone(grant));
        revoker.revoke(grant);
        assertThat(revoker.isGone(grant)).isTrue();
    }

    private static AccessGrant grant(String kind, String providerId) {
        return new AccessGrant("test", "someone@example.org", null, kind, "ops-test", providerId, providerId, "-",
                Instant.now(), null, "test", GrantState.ACTIVE, null);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
