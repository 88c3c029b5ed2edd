package fr.beta.guichet.provider.matomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderRejectedException;

class SandboxMatomoTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private final SandboxMatomo matomo = new SandboxMatomo(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void startsWithOneSiteAndOneAdmin() {
        assertThat(matomo.sites()).containsExactly(new MatomoSite(1, "beta.gouv.fr", "https://beta.gouv.fr"));
        assertThat(matomo.users()).containsExactly(new SandboxMatomoUser(SandboxMatomo.SEED_LOGIN,
                SandboxMatomo.SEED_EMAIL, false, Map.of(1, MatomoAccess.ADMIN)));
        assertThat(matomo.userExists(SandboxMatomo.SEED_LOGIN)).isTrue();
        assertThat(matomo.loginForEmail(SandboxMatomo.SEED_EMAIL)).contains(SandboxMatomo.SEED_LOGIN);
        assertThat(matomo.accessOf(SandboxMatomo.SEED_LOGIN, 1)).contains(MatomoAccess.ADMIN);
        assertThat(matomo.operations()).isEmpty();
    }

    @Test
    void invitedUserIsPendingWithViewOnTheInitialSiteAndIsRecorded() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        assertThat(matomo.userExists("jean.dupont")).isTrue();
        assertThat(matomo.userExists("Jean.Dupont")).isTrue();
        assertThat(matomo.loginForEmail("Jean.Dupont@beta.gouv.fr")).contains("jean.dupont");
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.VIEW);
        assertThat(matomo.users()).contains(new SandboxMatomoUser("jean.dupont", "jean.dupont@beta.gouv.fr", true,
                Map.of(1, MatomoAccess.VIEW)));
        assertThat(matomo.operations()).containsExactly(new SandboxMatomoOperation(NOW, "inviteUser",
                "jean.dupont <jean.dupont@beta.gouv.fr>, view on site 1, invitation valid 7 days"));
    }

    @Test
    void unknownUserAndEmailAreAbsent() {
        assertThat(matomo.userExists("personne")).isFalse();
        assertThat(matomo.loginForEmail("personne@beta.gouv.fr")).isEmpty();
        assertThat(matomo.accessOf("personne", 1)).isEmpty();
    }

    @Test
    void duplicateLoginOrEmailIsRejectedWithMatomoMessages() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);

        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "autre@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Username 'jean.dupont' already exists.");
        assertThatThrownBy(() -> matomo.inviteUser("jdupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("User with email 'jean.dupont@beta.gouv.fr' already exists.");
        assertThat(matomo.operations()).hasSize(1);
    }

    @Test
    void invalidInvitationsAreRejected() {
        assertThatThrownBy(() -> matomo.inviteUser("jean dupont", "jean.dupont@beta.gouv.fr", 1))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("login");
        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "pas-un-email", 1))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("The email doesn't have a valid format.");
        assertThatThrownBy(() -> matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 99))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("website id was set to '99'");
        assertThat(matomo.userExists("jean.dupont")).isFalse();
    }

    @Test
    void sitesGetIncrementingIdsAndUrlsMatchLikeMatomo() {
        int first = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");
        int second = matomo.addSite("Mon Site bis", "https://monsite.beta.gouv.fr");

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(3);
        assertThat(matomo.siteIdForUrl("http://www.MonSite.beta.gouv.fr/")).contains(2);
        assertThat(matomo.siteIdForUrl("https://beta.gouv.fr")).contains(1);
        assertThat(matomo.siteIdForUrl("https://inconnu.beta.gouv.fr")).isEmpty();
        assertThat(matomo.operations()).extracting(SandboxMatomoOperation::details)
                .containsExactly("site 2 \"Mon Site\" https://monsite.beta.gouv.fr",
                        "site 3 \"Mon Site bis\" https://monsite.beta.gouv.fr");
    }

    @Test
    void invalidSitesAreRejected() {
        assertThatThrownBy(() -> matomo.addSite(" ", "https://monsite.beta.gouv.fr"))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("The website name can't be empty.");
        assertThatThrownBy(() -> matomo.addSite("Mon Site", "monsite"))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("The url 'monsite' is not valid.");
        assertThat(matomo.sites()).hasSize(1);
    }

    @Test
    void setAccessReplacesTheRoleOnOneSite() {
        matomo.inviteUser("jean.dupont", "jean.dupont@beta.gouv.fr", 1);
        int site = matomo.addSite("Mon Site", "https://monsite.beta.gouv.fr");

        matomo.setAccess("jean.dupont", MatomoAccess.ADMIN, site);
        matomo.setAccess("jean.dupont", MatomoAccess.WRITE, 1);

        assertThat(matomo.accessOf("jean.dupont", site)).contains(MatomoAccess.ADMIN);
        assertThat(matomo.accessOf("jean.dupont", 1)).contains(MatomoAccess.WRITE);
        assertThat(matomo.operations()).extracting(SandboxMatomoOperation::operation)
                .containsExactly("inviteUser", "addSite", "setUserAccess", "setUserAccess");
        assertThat(matomo.operations().get(2).details()).isEqualTo("jean.dupont: admin on site 2");
    }

    @Test
    void setAccessOfUnknownUserOrSiteIsRejected() {
        assertThatThrownBy(() -> matomo.setAccess("personne", MatomoAccess.VIEW, 1))
                .isInstanceOf(ProviderRejectedException.class).hasMessage("User 'personne' doesn't exist.");
        assertThatThrownBy(() -> matomo.setAccess(SandboxMatomo.SEED_LOGIN, MatomoAccess.VIEW, 42))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("website id was set to '42'");
        assertThat(matomo.operations()).isEmpty();
    }

    @Test
    void snapshotsAreReadOnly() {
        assertThatThrownBy(() -> matomo.sites().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> matomo.users().get(0).access().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> matomo.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentInvitationsOfTheSameLoginCreateOneUser() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                tasks.add(() -> {
                    try {
                        matomo.inviteUser("jean.dupont", "jean" + n + "@beta.gouv.fr", 1);
                        return true;
                    } catch (ProviderRejectedException e) {
                        return false;
                    }
                });
            }
            long created = pool.invokeAll(tasks).stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(matomo.users()).hasSize(2);
    }
}
