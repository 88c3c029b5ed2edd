package fr.beta.guichet.provider.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.ProviderFault;

/**
 * The live Sentry client against {@link SentryFakeApi} — the sandbox's fake — in process (the sandbox transport,
 * with {@link FaultyTransport} around it) and over real HTTP through Camunda Connect. Pages of 2 instead of 100, so
 * that pagination is walked with a handful of members.
 */
class SentryHttpClientTests {

    static final String ORG = "betagouv";
    static final String TOKEN = "test-sentry-token";
    static final int PAGE = 2;

    InMemorySandboxStore store;
    SentryFakeApi fake;
    FaultyTransport faults;
    /** Every request that reached the fake (not those a fault stopped before) and the fake's status. */
    List<Reached> reached;

    record Reached(ProviderRequest request, int status) {
        String method() {
            return request.method();
        }

        String rawPath() {
            return request.rawPath();
        }

        Map<String, String> query() {
            return request.query();
        }
    }
    SentryHttpClient client;

    @BeforeEach
    void fakeOrganization() {
        store = new InMemorySandboxStore();
        fake = new SentryFakeApi(store, ORG, TOKEN, PAGE, Clock.systemUTC());
        faults = new FaultyTransport();
        reached = new CopyOnWriteArrayList<>();
        client = clientWith(TOKEN);
    }

    private SentryHttpClient clientWith(String token) {
        HttpTransport sandbox = new SandboxTransport(SentryClient.PROVIDER, fake, store, new SimpleMeterRegistry());
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
        return new SentryHttpClient(live(URI.create("https://sentry.test"), token), faults.decorate(recording));
    }

    static SentryProperties live(URI baseUrl, String token) {
        return new SentryProperties(ProviderMode.LIVE, baseUrl, ORG, token, 100, Duration.ofSeconds(1),
                Duration.ofMillis(300));
    }

    // ---- pagination ----

    @Test
    void memberOnTheThirdPageIsFoundAndAddedToTheTeamNotInvitedAgain() {
        List<String> emails = seedMembers(4); // florian (seeded) + 4: pages [florian, m0] [m1, m2] [m3]
        String third = emails.get(3);
        reached.clear();

        assertThat(client.memberId(third)).isPresent();
        assertThat(pagesRead("members")).containsExactly(null, "2:1:0", "2:2:0");

        reached.clear();
        SentryGrant grant = client.grant(third, "autre-equipe", SentryTeamRole.MEMBER);

        assertThat(grant.outcome()).isEqualTo(SentryGrant.Outcome.ADDED);
        assertThat(grant.teamCreated()).isTrue();
        assertThat(writes("POST", "/members/")).as("invitations").isZero();
        assertThat(fake.membersWithEmail(third)).isEqualTo(1);
        assertThat(fake.teamRole(third, "autre-equipe")).contains("contributor");
        assertThat(fake.teamRole(third, SentryFakeApi.EMPTY_TEAM)).as("its first team kept").isPresent();
    }

    @Test
    void absentEmailIsLookedForOnEveryPageAndTheSearchStopsAtTheLast() {
        seedMembers(4);
        reached.clear();

        assertThat(client.memberId("personne@example.org")).isEmpty();
        assertThat(pagesRead("members")).containsExactly(null, "2:1:0", "2:2:0");
    }

    @Test
    void emailsAreComparedWithoutCase() {
        assertThat(client.memberId("Florian@Beta.Gouv.FR")).isPresent();
        assertThat(client.isTeamMember("FLORIAN@beta.gouv.fr", SentryFakeApi.SEEDED_TEAM)).isTrue();
    }

    @Test
    void teamsArePaginatedToo() {
        for (String slug : List.of("a-team", "b-team", "c-team")) {
            client.grant("x-" + slug + "@example.org", slug, SentryTeamRole.MEMBER);
        }
        // by slug: [a-team, b-team] [c-team, demo] [incubateur]
        reached.clear();
        assertThat(client.teamExists(SentryFakeApi.SEEDED_TEAM)).isTrue();
        assertThat(pagesRead("teams")).containsExactly(null, "2:1:0", "2:2:0");
        assertThat(client.teamExists("z-team")).isFalse();
    }

    @Test
    void linkHeaderIsReadAsSentryWritesIt() {
        String more = "<https://sentry.io/api/0/organizations/o/members/?&cursor=100:-1:1>; rel=\"previous\"; "
                + "results=\"false\"; cursor=\"100:-1:1\", <https://sentry.io/api/0/organizations/o/members/?&cursor="
                + "100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\"";
        assertThat(SentryHttpClient.nextCursor(more)).contains("100:1:0");
        assertThat(SentryHttpClient.nextCursor(more.replace("results=\"true\"", "results=\"false\""))).isEmpty();
        assertThat(SentryHttpClient.nextCursor(null)).isEmpty();
        assertThat(SentryHttpClient.nextCursor("<https://x/?cursor=7:3:0>; rel=\"next\"; results=\"true\""))
                .as("cursor taken from the URL when the parameter is missing").contains("7:3:0");
    }

    // ---- invite vs add, team creation ----

    @Test
    void newEmailIsInvitedWithItsTeamRoleAndTheMissingTeamIsCreatedOnce() {
        SentryGrant first = client.grant("nouvelle@example.org", "ma-startup", SentryTeamRole.ADMIN);
        assertThat(first).isEqualTo(new SentryGrant(SentryGrant.Outcome.INVITED, true));
        assertThat(fake.teamSlugs()).contains("ma-startup");
        assertThat(fake.teamRole("nouvelle@example.org", "ma-startup")).contains("admin");
        assertThat(fake.memberships()).filteredOn(m -> m.path("email").asText().equals("nouvelle@example.org"))
                .singleElement().satisfies(m -> assertThat(m.path("pending").asBoolean()).isTrue());

        SentryGrant second = client.grant("autre@example.org", "ma-startup", SentryTeamRole.MEMBER);
        assertThat(second).isEqualTo(new SentryGrant(SentryGrant.Outcome.INVITED, false));
        assertThat(writes("POST", "/teams/")).as("team creations").isEqualTo(1);
        assertThat(fake.teamSlugs()).filteredOn("ma-startup"::equals).hasSize(1);
    }

    @Test
    void memberOfTheOrganizationIsAddedToTheTeamAndGetsTheAdminRole() {
        SentryGrant grant = client.grant(SentryFakeApi.SEEDED_MEMBER, SentryFakeApi.EMPTY_TEAM, SentryTeamRole.ADMIN);

        assertThat(grant).isEqualTo(new SentryGrant(SentryGrant.Outcome.ADDED, false));
        assertThat(writes("POST", "/members/")).as("invitations").isZero();
        assertThat(writes("PUT", "/teams/" + SentryFakeApi.EMPTY_TEAM + "/")).isEqualTo(1);
        assertThat(fake.teamRole(SentryFakeApi.SEEDED_MEMBER, SentryFakeApi.EMPTY_TEAM)).contains("admin");
        assertThat(client.isTeamMember(SentryFakeApi.SEEDED_MEMBER, SentryFakeApi.EMPTY_TEAM)).isTrue();
    }

    @Test
    void grantingAgainChangesNothing() {
        client.grant("deux-fois@example.org", "equipe", SentryTeamRole.MEMBER);
        int writesBefore = writes(r -> true);

        SentryGrant again = client.grant("deux-fois@example.org", "equipe", SentryTeamRole.MEMBER);

        assertThat(again).isEqualTo(new SentryGrant(SentryGrant.Outcome.ALREADY_IN_TEAM, false));
        assertThat(writes(r -> true)).as("writes").isEqualTo(writesBefore);
    }

    // ---- faults: technical failures, lost answers ----

    /**
     * A new email in a new team: two writes (team, invitation). The first two write calls fail; the grant is
     * retried as the job executor would. Whatever the fault, one team, one member, one invitation in the end.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void answerLostOrRefusedAfterEachWriteLeavesOneTeamOneMemberOneInvitation(ProviderFault fault) {
        faults.failNext(SentryClient.PROVIDER, FaultyTransport.writes(), fault, 2);

        int failed = retryLikeTheJobExecutor(() -> client.grant("perdu@example.org", "perdue", SentryTeamRole.ADMIN));

        // a lost answer to a write whose answer is not read (201 with a broken body) is no failure at all
        assertThat(failed).isEqualTo(fault == ProviderFault.MALFORMED_JSON_AFTER_WRITE ? 0 : 2);
        assertThat(fake.teamSlugs()).filteredOn("perdue"::equals).hasSize(1);
        assertThat(fake.membersWithEmail("perdu@example.org")).isEqualTo(1);
        assertThat(fake.teamRole("perdu@example.org", "perdue")).contains("admin");
        assertThat(writesThatWorked("POST", "/teams/")).as("teams created").isEqualTo(1);
        assertThat(writesThatWorked("POST", "/members/")).as("invitations sent").isEqualTo(1);
    }

    /** A member into a new team as admin: team, member-team, team role; answers of the first two lost. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE" })
    void memberAddedWhoseAnswersWereLostIsInTheTeamOnce(ProviderFault fault) {
        faults.failNext(SentryClient.PROVIDER, FaultyTransport.writes(), fault, 2);

        int failed = retryLikeTheJobExecutor(
                () -> client.grant(SentryFakeApi.SEEDED_MEMBER, "nouvelle", SentryTeamRole.ADMIN));

        assertThat(failed).isEqualTo(2);
        assertThat(writesThatWorked("POST", "/teams/nouvelle/")).as("member-team additions").isEqualTo(1);
        assertThat(writesThatWorked("POST", "/members/")).as("invitations").isZero();
        assertThat(fake.teamRole(SentryFakeApi.SEEDED_MEMBER, "nouvelle")).contains("admin");
        assertThat(fake.membersWithEmail(SentryFakeApi.SEEDED_MEMBER)).isEqualTo(1);
    }

    @Test
    void rateLimitWithRetryAfterIsTechnical() {
        faults.answerNext(SentryClient.PROVIDER, FaultyTransport.writes(), r -> new ProviderResponse(429,
                "{\"detail\":\"You are being rate limited for too many invitations.\"}", Map.of("Retry-After", "30")),
                1);

        assertThatThrownBy(() -> client.grant("vite@example.org", "equipe", SentryTeamRole.MEMBER))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("429")
                .hasMessageContaining("retry after 30 s");
        assertThat(fake.teamSlugs()).doesNotContain("equipe");
    }

    @Test
    void serverErrorOnAReadIsTechnical() {
        faults.answerNext(SentryClient.PROVIDER, FaultyTransport.reads(),
                r -> new ProviderResponse(502, "<html>Bad Gateway</html>", Map.of()), 1);
        assertThatThrownBy(() -> client.memberId("a@example.org")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("502").hasMessageContaining("answer is not JSON");
    }

    @Test
    void answerThatIsNotAListIsTechnical() {
        faults.answerNext(SentryClient.PROVIDER, FaultyTransport.reads(),
                r -> new ProviderResponse(200, "{\"id\": 4815, \"sta", Map.of()), 1);
        assertThatThrownBy(() -> client.teamExists("demo")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void refusedTokenIsTechnicalAndNeverInTheMessage() {
        SentryHttpClient wrong = clientWith("not-the-token");
        assertThatThrownBy(() -> wrong.memberId("a@example.org")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("401").hasMessageContaining("SENTRY_TOKEN").hasMessageNotContaining("not-the-token");
    }

    @Test
    void slugOrEmailThatSentryRefusesIsABusinessRefusal() {
        assertThatThrownBy(() -> client.grant("a@example.org", "Majuscules", SentryTeamRole.MEMBER))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("400")
                .hasMessageContaining("valid slug");
        assertThatThrownBy(() -> client.grant("pas-une-adresse", "equipe", SentryTeamRole.MEMBER))
                .isInstanceOf(ProviderRejectedException.class).hasMessageContaining("email");
    }

    // ---- revocation (offboarding) ----

    @Test
    void removedFromTheTeamThenFromTheOrganizationAndAgainAsNoOps() {
        client.grant("depart@example.org", "equipe", SentryTeamRole.MEMBER);
        client.grant("depart@example.org", SentryFakeApi.EMPTY_TEAM, SentryTeamRole.MEMBER);
        assertThat(client.isTeamMember("depart@example.org", "equipe")).isTrue();

        client.removeFromTeam("depart@example.org", "equipe");
        assertThat(client.isTeamMember("depart@example.org", "equipe")).isFalse();
        assertThat(client.isTeamMember("depart@example.org", SentryFakeApi.EMPTY_TEAM)).isTrue();
        client.removeFromTeam("depart@example.org", "equipe"); // not in it any more: done
        client.removeFromTeam("depart@example.org", "equipe-inconnue"); // no such team: done

        client.removeMember("depart@example.org");
        assertThat(client.memberId("depart@example.org")).isEmpty();
        assertThat(fake.membersWithEmail("depart@example.org")).isZero();
        client.removeMember("depart@example.org"); // absent: done
        client.removeFromTeam("depart@example.org", SentryFakeApi.EMPTY_TEAM); // absent: done
    }

    @Test
    void removalWhoseAnswerWasLostIsDoneOnRetry() {
        client.grant("parti@example.org", "equipe", SentryTeamRole.MEMBER);
        faults.failNext(SentryClient.PROVIDER, r -> r.method().equals("DELETE"), ProviderFault.TIMEOUT_AFTER_WRITE, 1);

        assertThatThrownBy(() -> client.removeMember("parti@example.org"))
                .isInstanceOf(ProviderUnavailableException.class);
        client.removeMember("parti@example.org");
        assertThat(client.memberId("parti@example.org")).isEmpty();
    }

    @Test
    void removalRefusedByTheServerIsTechnical() {
        faults.answerNext(SentryClient.PROVIDER, r -> r.method().equals("DELETE"),
                r -> new ProviderResponse(503, "{\"detail\":\"Service Unavailable\"}", Map.of()), 1);
        assertThatThrownBy(() -> client.removeMember(SentryFakeApi.SEEDED_MEMBER))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("503");
        assertThat(client.memberId(SentryFakeApi.SEEDED_MEMBER)).isPresent();
    }

    // ---- over real HTTP, through Camunda Connect ----

    @Test
    void overHttpThroughCamundaConnectTheLinkHeaderIsFollowedAndTheMemberAdded() {
        FakeHttpServer server = new FakeHttpServer(fake, store, FaultyTransport.writes(),
                new ProviderResponse(429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "5")));
        try {
            List<String> emails = seedMembers(4);
            var http = new SentryHttpClient(live(URI.create(server.baseUrl()), TOKEN),
                    new ConnectHttpTransport(SentryClient.PROVIDER, Duration.ofSeconds(1), Duration.ofSeconds(2)));

            SentryGrant grant = http.grant(emails.get(3), SentryFakeApi.SEEDED_TEAM, SentryTeamRole.MEMBER);

            assertThat(grant.outcome()).isEqualTo(SentryGrant.Outcome.ADDED);
            assertThat(server.received()).filteredOn(r -> r.method().equals("GET") && r.rawPath().endsWith("/members/"))
                    .extracting(r -> r.query().get("cursor")).containsExactly(null, "2:1:0", "2:2:0");
            assertThat(server.received()).filteredOn(r -> r.rawPath().startsWith("/api/")).allSatisfy(
                    r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));

            server.failNextWrites(ProviderFault.RATE_LIMITED, 1);
            assertThatThrownBy(() -> http.grant("x@example.org", SentryFakeApi.SEEDED_TEAM, SentryTeamRole.MEMBER))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("retry after 5 s");
        } finally {
            server.stop();
        }
    }

    // ---- helpers ----

    /** Invites {@code count} new emails into the seeded empty team, in order. */
    private List<String> seedMembers(int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "m" + i + "@example.org";
            client.grant(email, SentryFakeApi.EMPTY_TEAM, SentryTeamRole.MEMBER);
            emails.add(email);
        }
        return emails;
    }

    /** The cursor of every GET of a list that reached the fake, in order ({@code null}: the first page). */
    private List<String> pagesRead(String list) {
        return reached.stream().filter(r -> r.method().equals("GET") && r.rawPath().endsWith("/" + list + "/"))
                .map(r -> r.query().get("cursor")).toList();
    }

    private int writes(String method, String pathEnd) {
        return writes(r -> r.method().equals(method) && r.rawPath().endsWith(pathEnd));
    }

    private int writes(Predicate<Reached> which) {
        return (int) reached.stream().filter(r -> !r.method().equals("GET")).filter(which).count();
    }

    /** Writes that reached the fake and that it did (2xx), whether their answer then got back or not. */
    private int writesThatWorked(String method, String pathEnd) {
        return writes(r -> r.status() < 300 && r.method().equals(method) && r.rawPath().endsWith(pathEnd));
    }

    private int retryLikeTheJobExecutor(Supplier<SentryGrant> attempt) {
        int failures = 0;
        for (int i = 1; i <= 3; i++) {
            try {
                attempt.get();
                return failures;
            } catch (ProviderUnavailableException e) {
                failures++;
            }
        }
        return fail("still failing after 3 attempts: it would be an incident");
    }
}
