package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

class SandboxEmailDomainTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final String DOMAIN = SandboxEmailDomain.DOMAIN;
    private static final String PASSWORD = "Tr0ub4dor-et-3";

    private final MutableClock clock = new MutableClock(NOW);
    private final SandboxEmailDomain sandbox = new SandboxEmailDomain(clock, Duration.ofSeconds(10));

    @Test
    void startsWithContactMailboxAndARedirection() {
        assertThat(sandbox.findAccount(DOMAIN, "contact")).contains(
                new MailAccount("contact", "contact@beta.gouv.fr", "Contact beta.gouv.fr", false, 5_000_000_000L));
        assertThat(sandbox.findRedirections(DOMAIN, "bonjour@beta.gouv.fr", null))
                .extracting(MailRedirection::to).containsExactly("contact@beta.gouv.fr");
        assertThat(sandbox.accounts(DOMAIN)).hasSize(1);
        assertThat(sandbox.redirections(DOMAIN)).hasSize(1);
        assertThat(sandbox.operations()).isEmpty();
    }

    @Test
    void createdAccountShowsOnlyOnceTheTaskHasRun() {
        var task = sandbox.createAccount(DOMAIN, "prenom.nom", PASSWORD, "Prénom Nom");

        assertThat(task).isEqualTo(new EmailTask(task.id(), "addAccount", "2026-03-02T11:15:30+01:00", DOMAIN,
                "prenom.nom"));
        assertThat(sandbox.findAccount(DOMAIN, "prenom.nom")).isEmpty();
        assertThat(sandbox.accounts(DOMAIN)).extracting(MailAccount::accountName).containsExactly("contact");
        assertThat(sandbox.pendingAccountTasks(DOMAIN, "prenom.nom")).containsExactly(task);

        clock.advance(Duration.ofSeconds(9));
        assertThat(sandbox.findAccount(DOMAIN, "prenom.nom")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(sandbox.findAccount(DOMAIN, "prenom.nom")).contains(
                new MailAccount("prenom.nom", "prenom.nom@beta.gouv.fr", "Prénom Nom", false, 5_000_000_000L));
        assertThat(sandbox.accounts(DOMAIN)).extracting(MailAccount::accountName)
                .containsExactly("contact", "prenom.nom");
        assertThat(sandbox.pendingAccountTasks(DOMAIN, "prenom.nom")).isEmpty();
    }

    @Test
    void createdRedirectionShowsOnlyOnceTheTaskHasRun() {
        var task = sandbox.createRedirection(DOMAIN, "Prenom.Nom@beta.gouv.fr", "perso@example.org", false);

        assertThat(task.action()).isEqualTo("add");
        assertThat(task.name()).isEqualTo("prenom.nom@beta.gouv.fr");
        assertThat(sandbox.findRedirections(DOMAIN, "prenom.nom@beta.gouv.fr", null)).isEmpty();
        assertThat(sandbox.redirections(DOMAIN)).hasSize(1);

        clock.advance(Duration.ofSeconds(10));

        assertThat(sandbox.findRedirections(DOMAIN, "prenom.nom@beta.gouv.fr", "PERSO@example.org"))
                .extracting(MailRedirection::from, MailRedirection::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prenom.nom@beta.gouv.fr", "perso@example.org"));
        assertThat(sandbox.findRedirections(DOMAIN, "prenom.nom@beta.gouv.fr", "other@example.org")).isEmpty();
        assertThat(sandbox.redirections(DOMAIN)).hasSize(2);
    }

    @Test
    void zeroDelayMakesWritesVisibleAtOnce() {
        var immediate = new SandboxEmailDomain(clock, Duration.ZERO);

        immediate.createAccount(DOMAIN, "prenom.nom", PASSWORD, null);

        assertThat(immediate.findAccount(DOMAIN, "prenom.nom")).isPresent();
    }

    @Test
    void existingAccountIsRejectedLikeOvh() {
        assertThatThrownBy(() -> sandbox.createAccount(DOMAIN, "Contact", PASSWORD, null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: Account contact@beta.gouv.fr already exists");
    }

    /** While OVH still runs the creation it answers 409 ActionInProgress, which the live client retries. */
    @Test
    void accountBeingCreatedIsActionInProgressAndUnavailable() {
        sandbox.createAccount(DOMAIN, "prenom.nom", PASSWORD, null);

        assertThatThrownBy(() -> sandbox.createAccount(DOMAIN, "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("ovh: POST /email/domain/beta.gouv.fr/account: 409 OVH error: This pop is already being "
                        + "processed: prenom.nom@beta.gouv.fr, please try later");

        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> sandbox.createAccount(DOMAIN, "prenom.nom", PASSWORD, null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("409 Client::Conflict: ");
        assertThat(sandbox.operations()).hasSize(1);
    }

    @Test
    void redirectionToTheSameTargetIsRejectedWhetherDoneOrPending() {
        assertThatThrownBy(() -> sandbox.createRedirection(DOMAIN, "BONJOUR@beta.gouv.fr", "contact@beta.gouv.fr",
                false))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: A redirection from bonjour@beta.gouv.fr to contact@beta.gouv.fr "
                        + "already exists");

        sandbox.createRedirection(DOMAIN, "prenom.nom@beta.gouv.fr", "perso@example.org", false);
        assertThatThrownBy(() -> sandbox.createRedirection(DOMAIN, "prenom.nom@beta.gouv.fr", "perso@example.org",
                false))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("409 Client::Conflict: ");
    }

    @Test
    void sameSourceToAnotherTargetIsAccepted() {
        sandbox.createRedirection(DOMAIN, "bonjour@beta.gouv.fr", "equipe@example.org", false);

        clock.advance(Duration.ofSeconds(10));

        assertThat(sandbox.findRedirections(DOMAIN, "bonjour@beta.gouv.fr", null))
                .extracting(MailRedirection::to).containsExactly("contact@beta.gouv.fr", "equipe@example.org");
    }

    @Test
    void localCopyNeedsAnExistingMailbox() {
        assertThatThrownBy(() -> sandbox.createRedirection(DOMAIN, "personne@beta.gouv.fr", "p@example.org", true))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 Client::BadRequest: localCopy needs the account personne@beta.gouv.fr to exist");

        assertThat(sandbox.createRedirection(DOMAIN, "contact@beta.gouv.fr", "p@example.org", true).action())
                .isEqualTo("add");
    }

    @Test
    void redirectionFromOutsideTheDomainIsRejected() {
        assertThatThrownBy(() -> sandbox.createRedirection(DOMAIN, "someone@example.org", "p@example.org", false))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("400 Client::BadRequest: from must be an address of beta.gouv.fr");
        assertThatThrownBy(() -> sandbox.createRedirection(DOMAIN, "a@beta.gouv.fr", "not-an-address", false))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("400 Client::BadRequest: ");
    }

    @Test
    void unknownDomainIsNotFound() {
        assertThatThrownBy(() -> sandbox.findAccount("nope.fr", "contact"))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
        assertThatThrownBy(() -> sandbox.createAccount("nope.fr", "a", PASSWORD, null))
                .isInstanceOf(ProviderRejectedException.class);
        assertThatThrownBy(() -> sandbox.findRedirections("nope.fr", "a@nope.fr", null))
                .isInstanceOf(ProviderRejectedException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"Short-p1", "Trente-et-un-caracteres-de-trop", " LeadingSpace1", "TrailingSpace1 ",
            "Mot-de-passé-1", "Tab\tinside-ok?"})
    void passwordOutsideOvhRuleIsRejectedWithoutEchoingIt(String password) {
        assertThatThrownBy(() -> sandbox.createAccount(DOMAIN, "prenom.nom", password, null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("400 Client::BadRequest: Invalid password")
                .satisfies(e -> {
                    if (password != null) {
                        assertThat(e.getMessage()).doesNotContain(password.strip());
                    }
                });
        assertThat(sandbox.operations()).isEmpty();
        assertThat(sandbox.pendingAccountTasks(DOMAIN, "prenom.nom")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nine-char", "Exactly-thirty-characters-0123", "in ner space!"})
    void passwordWithinOvhRuleIsAccepted(String password) {
        assertThat(password.length()).isBetween(9, 30);

        assertThat(sandbox.createAccount(DOMAIN, "prenom.nom", password, null).action()).isEqualTo("addAccount");
    }

    @Test
    void passwordIsNeverKept() {
        sandbox.createAccount(DOMAIN, "prenom.nom", PASSWORD, "Mot de passe initial : " + PASSWORD);
        clock.advance(Duration.ofSeconds(10));

        assertThat(sandbox.operations()).singleElement().satisfies(operation -> {
            assertThat(operation.at()).isEqualTo(NOW);
            assertThat(operation.operation()).isEqualTo("create-account");
            assertThat(operation.details()).isEqualTo("prenom.nom@beta.gouv.fr (description: \"Mot de passe "
                    + "initial : [masqué]\", size 5000000000, password: [masqué], task "
                    + sandbox.operations().get(0).details().replaceAll(".*task (\\d+),.*", "$1")
                    + ", done at 2026-03-02T10:15:40Z)");
        });
        assertThat(sandbox.recordsContain(PASSWORD)).isFalse();
        assertThat(sandbox.recordsContain("prenom.nom@beta.gouv.fr")).as("sanity: state is searched").isTrue();
        assertThat(sandbox.findAccount(DOMAIN, "prenom.nom")).get().asString().doesNotContain(PASSWORD);
        assertThatThrownBy(() -> sandbox.recordsContain("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redirectionIsRecorded() {
        var task = sandbox.createRedirection(DOMAIN, "prenom.nom@beta.gouv.fr", "perso@example.org", false);

        assertThat(sandbox.operations()).singleElement().satisfies(operation -> {
            assertThat(operation.operation()).isEqualTo("create-redirection");
            assertThat(operation.details()).startsWith("prenom.nom@beta.gouv.fr -> perso@example.org (localCopy "
                    + "false, id ").contains("task " + task.id());
        });
    }

    @Test
    void snapshotsAreReadOnly() {
        assertThatThrownBy(() -> sandbox.operations().add(new SandboxOperation(NOW, "x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.accounts(DOMAIN).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.redirections(DOMAIN).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentCreationsGetDistinctTasks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<EmailTask>>();
            IntStream.range(0, 64).forEach(i -> calls.add(
                    () -> sandbox.createAccount(DOMAIN, "agent" + i, PASSWORD, null)));
            var ids = new ArrayList<Long>();
            for (Future<EmailTask> future : pool.invokeAll(calls)) {
                ids.add(future.get().id());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(64);
            assertThat(sandbox.operations()).hasSize(64);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void defaultsToTenSecondsOnTheSystemClock() {
        var defaults = new SandboxEmailDomain();

        defaults.createAccount(DOMAIN, "prenom.nom", PASSWORD, null);

        assertThat(defaults.findAccount(DOMAIN, "prenom.nom")).isEmpty();
        assertThat(SandboxEmailDomain.DEFAULT_PROCESSING_DELAY).isEqualTo(Duration.ofSeconds(10));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
