package fr.beta.guichet.provider.dimail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.provider.dimail.fake.DimailFakeApi;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.ProviderFault;

/**
 * The live Dimail client against {@link DimailFakeApi} — the sandbox's fake — in process, with a clock the test moves
 * (token expiry, {@code wait} state) and {@link FaultyTransport} around it. Every request that reached the fake is
 * recorded with its status.
 */
class DimailHttpClientTests {

    static final String DOMAIN = "beta.gouv.fr";
    static final String USER = "guichet";
    static final String PASSWORD = "service-account-password";

    MutableClock clock;
    InMemorySandboxStore store;
    DimailFakeApi fake;
    FaultyTransport faults;
    List<Reached> reached;
    DimailHttpClient client;

    record Reached(ProviderRequest request, int status) {
    }

    @BeforeEach
    void fakeDimail() {
        clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        store = new InMemorySandboxStore();
        fake = new DimailFakeApi(store, clock, new DimailFakeApi.Settings(USER, PASSWORD, List.of(DOMAIN),
                Duration.ofSeconds(30), Duration.ofMinutes(10)));
        faults = new FaultyTransport();
        reached = new CopyOnWriteArrayList<>();
        client = clientWith(PASSWORD);
    }

    private DimailHttpClient clientWith(String password) {
        HttpTransport sandbox = new SandboxTransport(DimailClient.PROVIDER, fake, store, new SimpleMeterRegistry());
        HttpTransport recording = new HttpTransport() {
            @Override
            public String provider() {
                return sandbox.provider();
            }

            @Override
            public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                ProviderResponse response = sandbox.send(method, url, headers, body);
                reached.add(new Reached(new ProviderRequest(method, url, headers, body), response.status()));
                return response;
            }
        };
        var properties = new DimailProperties(ProviderMode.LIVE, URI.create("https://dimail.test"), USER, password,
                null, null, Duration.ofSeconds(1), Duration.ofMillis(300), null, null);
        return new DimailHttpClient(properties, faults.decorate(recording), clock);
    }

    // ---- token ----

    @Test
    void oneTokenServesEveryCallUntilItNearsItsExpiryThenANewOneIsTaken() {
        client.addresses(DOMAIN);
        client.aliases(DOMAIN);
        client.addresses(DOMAIN);
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(reached).allSatisfy(r -> assertThat(r.status()).isLessThan(400));

        clock.advance(Duration.ofMinutes(9).plusSeconds(40)); // 20 s before the 10 min expiry: renewed first
        client.addresses(DOMAIN);
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(reached).noneMatch(r -> r.status() == 401);
    }

    @Test
    void aWriteRefusedWith401RenewsTheTokenAndIsSentOnceMoreCreatingOneMailbox() {
        client.addresses(DOMAIN);
        fake.revokeTokens(); // e.g. Dimail's signing key rotated: the cached token is refused

        Optional<CreatedMailbox> created = client.createMailbox(DOMAIN, "prenom.nom", "Prenom", "Nom", "Prenom Nom");

        assertThat(created).isPresent();
        assertThat(tokenRequests()).isEqualTo(2);
        List<Integer> posts = reached.stream().filter(r -> r.request().method().equals("POST")).map(Reached::status).toList();
        assertThat(posts).as("the refused POST did nothing, the second one created").containsExactly(401, 201);
        assertThat(fake.addresses(DOMAIN)).filteredOn(a -> a.path("email").asText().equals("prenom.nom@" + DOMAIN))
                .hasSize(1);
    }

    @Test
    void credentialsRefusedAreAnOutageNamingTheVariablesNeverThePassword() {
        DimailHttpClient wrong = clientWith("not-the-password");
        assertThatThrownBy(() -> wrong.addresses(DOMAIN)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("DIMAIL_PASSWORD").hasMessageNotContaining("not-the-password");
    }

    @Test
    void theTokenNeverAppearsInAFailureMessage() {
        client.addresses(DOMAIN);
        String token = bearerSent();
        faults.answerNext(DimailClient.PROVIDER, FaultyTransport.all(), r -> new ProviderResponse(500,
                "{\"detail\":\"boom " + r.header("Authorization") + "\"}", Map.of("Content-Type", "application/json")), 1);
        assertThatThrownBy(() -> client.addresses(DOMAIN)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("500").hasMessageNotContaining(token);
    }

    // ---- mailboxes ----

    @Test
    void aNewMailboxGivesItsPasswordOnceWaitsThenIsActive() {
        CreatedMailbox created = client.createMailbox(DOMAIN, "camille.dupont", "Camille", "Dupont", "Camille Dupont")
                .orElseThrow();
        assertThat(created.email()).isEqualTo("camille.dupont@" + DOMAIN);
        assertThat(created.password()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(created.toString()).doesNotContain(created.password());
        assertThat(store.listAll(DimailFakeApi.API)).noneMatch(d -> d.body().toString().contains(created.password()));

        assertThat(client.address(DOMAIN, "camille.dupont")).hasValueSatisfying(a -> {
            assertThat(a.isMailbox()).isTrue();
            assertThat(a.imapActive()).isEqualTo("wait");
        });
        clock.advance(Duration.ofSeconds(31));
        assertThat(client.address(DOMAIN, "camille.dupont")).hasValueSatisfying(a -> assertThat(a.isActive()).isTrue());

        assertThat(client.createMailbox(DOMAIN, "camille.dupont", "Camille", "Dupont", "Camille Dupont"))
                .as("409: already there, no password again").isEmpty();
    }

    @Test
    void suspendThenDeleteReadBackFromTheV2List() {
        client.createMailbox(DOMAIN, "parti.e", "Parti", "E", "Parti E");
        clock.advance(Duration.ofMinutes(1));
        client.setImapActive(DOMAIN, "parti.e", false);
        assertThat(client.address(DOMAIN, "parti.e")).hasValueSatisfying(a -> assertThat(a.isSuspended()).isTrue());
        client.deleteMailbox(DOMAIN, "parti.e");
        assertThat(client.address(DOMAIN, "parti.e")).isEmpty();
        client.deleteMailbox(DOMAIN, "parti.e"); // 404: already gone, done
        assertThatThrownBy(() -> client.setImapActive(DOMAIN, "parti.e", false))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("404");
    }

    @Test
    void badUserNameIsARefusalAndUnknownDomainToo() {
        assertThatThrownBy(() -> client.createMailbox(DOMAIN, "Pas Valide", "a", "b", "c"))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("422");
        assertThatThrownBy(() -> client.addresses("autre.fr")).isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("404");
    }

    @Test
    void serverErrorsRateLimitsAndUnreadableAnswersAreOutages() {
        faults.failNext(DimailClient.PROVIDER, r -> r.rawPath().startsWith("/v2"), ProviderFault.SERVER_ERROR, 1);
        assertThatThrownBy(() -> client.addresses(DOMAIN)).isInstanceOf(ProviderUnavailableException.class);
        faults.failNext(DimailClient.PROVIDER, r -> r.rawPath().startsWith("/v2"), ProviderFault.RATE_LIMITED, 1);
        assertThatThrownBy(() -> client.addresses(DOMAIN)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("429");
        faults.answerNext(DimailClient.PROVIDER, r -> r.rawPath().startsWith("/v2"),
                r -> new ProviderResponse(200, "<html>maintenance</html>", Map.of("Content-Type", "text/html")), 1);
        assertThatThrownBy(() -> client.addresses(DOMAIN)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("not JSON");
    }

    // ---- aliases ----

    @Test
    void aliasIsCreatedOnceA409CountsAsThereAndDeletionIsIdempotent() {
        assertThat(client.createAlias(DOMAIN, "contact.startup", "perso@example.org", false)).isTrue();
        assertThat(client.createAlias(DOMAIN, "contact.startup", "perso@example.org", false)).isFalse();
        assertThat(client.aliases(DOMAIN)).containsExactly(
                new DimailAlias("contact.startup", DOMAIN, "perso@example.org", false));
        assertThat(client.address(DOMAIN, "contact.startup")).hasValueSatisfying(a -> assertThat(a.isAlias()).isTrue());

        client.deleteAlias(DOMAIN, "contact.startup", "perso@example.org");
        assertThat(client.aliases(DOMAIN)).isEmpty();
        client.deleteAlias(DOMAIN, "contact.startup", "perso@example.org");
    }

    // ---- helpers ----

    private long tokenRequests() {
        return reached.stream().filter(r -> r.request().rawPath().equals("/token/")).count();
    }

    private String bearerSent() {
        return reached.stream().map(r -> r.request().header("Authorization")).filter(h -> h != null && h.startsWith("Bearer "))
                .map(h -> h.substring(7)).findFirst().orElseThrow();
    }

    static final class MutableClock extends Clock {
        private Instant now;

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
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
