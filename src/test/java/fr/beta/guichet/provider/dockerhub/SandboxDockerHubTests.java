package fr.beta.guichet.provider.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.beta.guichet.provider.ProviderRejectedException;

class SandboxDockerHubTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    private final SandboxDockerHub sandbox = new SandboxDockerHub(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void startsWithTheBetagouvTeamsAndMembers() {
        assertThat(sandbox.teams()).containsExactly("developers", "owners");
        assertThat(sandbox.members("owners")).containsExactly("florian");
        assertThat(sandbox.members("developers")).containsExactly("totakoko");
        assertThat(sandbox.organizationMembers()).containsExactly("florian", "totakoko");
        assertThat(sandbox.teamExists("Developers")).isTrue();
        assertThat(sandbox.teamExists("ghosts")).isFalse();
        assertThat(sandbox.invites()).isEmpty();
        assertThat(sandbox.operations()).isEmpty();
    }

    @Test
    void organizationMemberIsAddedToTheTeam() {
        assertThat(sandbox.addMember("developers", "florian")).isEqualTo(MembershipResult.ADDED);

        assertThat(sandbox.isMember("developers", "Florian")).isTrue();
        assertThat(sandbox.members("developers")).containsExactly("florian", "totakoko");
        assertThat(sandbox.operations()).containsExactly(
                new SandboxDockerHub.Operation(NOW, "add", "florian added to team developers"));
    }

    @Test
    void teamMemberIsLeftAlone() {
        assertThat(sandbox.addMember("developers", "TotaKoko")).isEqualTo(MembershipResult.ALREADY_MEMBER);

        assertThat(sandbox.operations()).isEmpty();
    }

    @Test
    void userOutsideTheOrganizationIsInvitedOnce() {
        assertThat(sandbox.addMember("developers", "jeanne")).isEqualTo(MembershipResult.INVITED);
        assertThat(sandbox.addMember("Developers", "Jeanne")).isEqualTo(MembershipResult.INVITED);

        assertThat(sandbox.isMember("developers", "jeanne")).isFalse();
        assertThat(sandbox.hasPendingInvite("developers", "JEANNE")).isTrue();
        assertThat(sandbox.hasPendingInvite("owners", "jeanne")).isFalse();
        assertThat(sandbox.invites()).containsExactly(new SandboxDockerHub.Invite("jeanne", "developers", NOW));
        assertThat(sandbox.operations()).containsExactly(new SandboxDockerHub.Operation(NOW, "invite",
                "jeanne invited to join betagouv in team developers"));
    }

    @Test
    void acceptedInvitationMakesTheUserATeamMember() {
        sandbox.addMember("developers", "jeanne");

        assertThat(sandbox.acceptInvite("jeanne")).isTrue();

        assertThat(sandbox.isMember("developers", "jeanne")).isTrue();
        assertThat(sandbox.organizationMembers()).contains("jeanne");
        assertThat(sandbox.invites()).isEmpty();
        assertThat(sandbox.addMember("developers", "jeanne")).isEqualTo(MembershipResult.ALREADY_MEMBER);
        assertThat(sandbox.addMember("owners", "jeanne")).isEqualTo(MembershipResult.ADDED);
        assertThat(sandbox.acceptInvite("jeanne")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "jean.dupont", "jean_dupont", "jean-dupont", "jeanne@beta.gouv.fr",
            "a234567890123456789012345678901"})
    void invalidDockerIdIsRejectedLikeDockerHub(String dockerId) {
        assertThatThrownBy(() -> sandbox.addMember("developers", dockerId))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("Docker Hub refused invitee " + dockerId + ": invalid_email_or_docker_id");
        assertThat(sandbox.invites()).isEmpty();
        assertThat(sandbox.operations()).isEmpty();
    }

    @Test
    void longestValidDockerIdIsInvited() {
        assertThat(sandbox.addMember("developers", "a23456789012345678901234567890"))
                .isEqualTo(MembershipResult.INVITED);
    }

    @Test
    void unknownTeamIsRejectedLikeDockerHub() {
        assertThatThrownBy(() -> sandbox.addMember("ghosts", "florian"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 team ghosts not found in Docker Hub organization betagouv (not found)");
        assertThatThrownBy(() -> sandbox.isMember("ghosts", "florian"))
                .isInstanceOf(ProviderRejectedException.class);
        assertThatThrownBy(() -> sandbox.members("ghosts")).isInstanceOf(ProviderRejectedException.class);
    }

    @Test
    void blankArgumentsAreProgrammingErrors() {
        assertThatThrownBy(() -> sandbox.addMember("developers", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.teamExists(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsAreReadOnly() {
        sandbox.addMember("developers", "jeanne");

        assertThatThrownBy(() -> sandbox.invites().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.members("developers").clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.teams().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentRequestsForTheSameUserInviteOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<MembershipResult>>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> sandbox.addMember("developers", "jeanne"));
            }
            for (Future<MembershipResult> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(MembershipResult.INVITED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.invites()).hasSize(1);
        assertThat(sandbox.operations()).hasSize(1);
    }
}
