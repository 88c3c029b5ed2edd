package fr.beta.guichet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.dockerhub.DockerHubRequest;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.mailbox.MailboxKind;
import fr.beta.guichet.mailbox.MailboxRequest;
import fr.beta.guichet.matomo.MatomoRequest;
import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.matomo.MatomoFakeApi;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.notification.mattermost.MattermostChannel;
import fr.beta.guichet.notification.mattermost.MattermostFakeApi;
import fr.beta.guichet.notification.mattermost.MattermostProperties;
import fr.beta.guichet.provider.ovh.OvhFakeApi;
import fr.beta.guichet.provider.ovh.OvhTestApi;
import fr.beta.guichet.notification.matrix.MatrixChannel;
import fr.beta.guichet.notification.matrix.MatrixFakeApi;
import fr.beta.guichet.notification.matrix.MatrixProperties;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.ProviderFault;
import fr.beta.guichet.provider.sentry.SentryFakeApi;
import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.sentry.SentryRequest;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.JobDriver;

/**
 * Faults at the providers, with the live clients pointed at stateful local fakes (read timeout 300 ms). Each
 * provider's write fails on its first {@value #FAULTY_WRITES} calls with one {@link ProviderFault}; the request type
 * is then called the way the job executor runs {@code execute} ({@code R3/PT5M}: three attempts before an
 * incident), each failed attempt having to be a {@link ProviderUnavailableException} (technical: retry). In the end
 * the request is done and the fake holds exactly one resource.
 * <p>
 * OVH, Matomo, Docker Hub and Sentry are live in the Spring context, against their sandbox fakes served over HTTP
 * ({@link FakeHttpServer}); the chat stays in the sandbox for the lifecycle, and the chats' live clients
 * (Mattermost, Matrix) are built here against their sandbox fakes served over real HTTP, through Camunda Connect.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(JobDriver.class)
class ProviderFaultTests {

    /** Write calls that fail before the provider recovers. */
    static final int FAULTY_WRITES = 2;
    /** {@code R3/PT5M}: attempts of the {@code execute} job before it becomes an incident. */
    static final int JOB_ATTEMPTS = 3;
    static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    static final String ZONE = "beta.gouv.fr";

    /** OVH: the sandbox's fake over HTTP; email tasks take ten minutes unless a test runs them. */
    static final InMemorySandboxStore OVH_STORE = new InMemorySandboxStore();
    static final OvhFakeApi OVH_FAKE = OvhTestApi.fake(OVH_STORE, Clock.systemUTC(), Duration.ofMinutes(10));
    static final FakeHttpServer OVH = OvhTestApi.overHttp(OVH_FAKE, OVH_STORE);
    static final String MATOMO_TOKEN = "faults-matomo-token";
    static final InMemorySandboxStore MATOMO_STORE = new InMemorySandboxStore();
    // Matomo itself has no rate limit; a proxy in front of it would send the standard header
    static final FakeHttpServer MATOMO = new FakeHttpServer(new MatomoFakeApi(MATOMO_STORE, MATOMO_TOKEN,
            Clock.systemUTC()), MATOMO_STORE, MatomoFakeApi.writes(), FakeResponses.json(429,
                    Map.of("result", "error", "message", "Too many requests"), Map.of("Retry-After", "1")));
    static final String DOCKER_HUB_ORGANIZATION = "betagouv";
    static final String DOCKER_HUB_IDENTIFIER = "faults-bot";
    static final String DOCKER_HUB_SECRET = "dckr_pat_faults";
    static final InMemorySandboxStore DOCKER_HUB_STORE = new InMemorySandboxStore();
    /** The Docker Hub calls faults go into: the write under test (adding to a team, or inviting). */
    static volatile Predicate<ProviderRequest> dockerHubFaultsOn = DockerHubFakeApi.writes();
    static final FakeHttpServer DOCKER_HUB = new FakeHttpServer(new DockerHubFakeApi(DOCKER_HUB_STORE,
            DOCKER_HUB_ORGANIZATION, DOCKER_HUB_IDENTIFIER, DOCKER_HUB_SECRET, Clock.systemUTC()), DOCKER_HUB_STORE,
            r -> dockerHubFaultsOn.test(r), dockerHubRateLimited());
    static final String MATTERMOST_TOKEN = "faults-mattermost-token";
    static final String MATTERMOST_CHANNEL = "faultschannel0000000000000";
    static final InMemorySandboxStore CHAT_STORE = new InMemorySandboxStore();
    static final FakeHttpServer MATTERMOST = new FakeHttpServer(new MattermostFakeApi(CHAT_STORE,
            new MattermostProperties(ProviderMode.LIVE, java.net.URI.create("http://fake"), MATTERMOST_TOKEN,
                    MATTERMOST_CHANNEL, null, null)), CHAT_STORE, MattermostFakeApi::isWrite,
            MattermostFakeApi.rateLimited());
    static final String MATRIX_TOKEN = "faults-matrix-token";
    static final String MATRIX_ROOM = "!faults-room:fake.invalid";
    static final FakeHttpServer MATRIX = new FakeHttpServer(new MatrixFakeApi(CHAT_STORE,
            new MatrixProperties(ProviderMode.LIVE, java.net.URI.create("http://fake"), MATRIX_TOKEN, MATRIX_ROOM,
                    null, null)), CHAT_STORE, MatrixFakeApi::isWrite, MatrixFakeApi.rateLimited());
    static final String SENTRY_TOKEN = "fault-sentry-token";
    static final InMemorySandboxStore SENTRY_STORE = new InMemorySandboxStore();
    static final SentryFakeApi SENTRY_FAKE = new SentryFakeApi(SENTRY_STORE, "betagouv", SENTRY_TOKEN, 100,
            java.time.Clock.systemUTC());
    static final FakeHttpServer SENTRY = new FakeHttpServer(SENTRY_FAKE, SENTRY_STORE, r -> !r.method().equals("GET"),
            new ProviderResponse(429, "{\"detail\":\"You are being rate limited for too many invitations.\"}",
                    Map.of("Content-Type", "application/json", "Retry-After", "1")));

    /** One line per case run, written to {@code target/provider-faults.md} for docs/reliability.md. */
    static final List<String> TALLY = Collections.synchronizedList(new ArrayList<>());

    @DynamicPropertySource
    static void liveProviders(DynamicPropertyRegistry registry) {
        // its own in-memory database: the requests made here never show in other tests' engine queries
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:guichet-faults;DB_CLOSE_DELAY=-1");
        registry.add("guichet.ovh.mode", () -> "live");
        registry.add("guichet.ovh.endpoint", () -> OVH.baseUrl() + "/1.0");
        registry.add("guichet.ovh.application-key", () -> OvhTestApi.APPLICATION_KEY);
        registry.add("guichet.ovh.application-secret", () -> OvhTestApi.APPLICATION_SECRET);
        registry.add("guichet.ovh.consumer-key", () -> OvhTestApi.CONSUMER_KEY);
        registry.add("guichet.ovh.connect-timeout", () -> "1s");
        registry.add("guichet.ovh.read-timeout", () -> READ_TIMEOUT.toMillis() + "ms");
        registry.add("guichet.matomo.mode", () -> "live");
        registry.add("guichet.matomo.base-url", MATOMO::baseUrl);
        registry.add("guichet.matomo.token", () -> MATOMO_TOKEN);
        registry.add("guichet.matomo.connect-timeout", () -> "1s");
        registry.add("guichet.matomo.read-timeout", () -> READ_TIMEOUT.toMillis() + "ms");
        registry.add("guichet.dockerhub.mode", () -> "live");
        registry.add("guichet.dockerhub.base-url", DOCKER_HUB::baseUrl);
        registry.add("guichet.dockerhub.organization", () -> DOCKER_HUB_ORGANIZATION);
        registry.add("guichet.dockerhub.identifier", () -> DOCKER_HUB_IDENTIFIER);
        registry.add("guichet.dockerhub.secret", () -> DOCKER_HUB_SECRET);
        registry.add("guichet.dockerhub.connect-timeout", () -> "1s");
        registry.add("guichet.dockerhub.read-timeout", () -> READ_TIMEOUT.toMillis() + "ms");
        registry.add("guichet.sentry.mode", () -> "live");
        registry.add("guichet.sentry.base-url", SENTRY::baseUrl);
        registry.add("guichet.sentry.organization", () -> "betagouv");
        registry.add("guichet.sentry.token", () -> SENTRY_TOKEN);
        registry.add("guichet.sentry.connect-timeout", () -> "1s");
        registry.add("guichet.sentry.read-timeout", () -> READ_TIMEOUT.toMillis() + "ms");
    }

    @Autowired RequestTypes types;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired AccessHolders holders;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JobDriver jobs;

    @BeforeEach
    void emptyFakes() {
        for (FakeHttpServer server : List.of(OVH, MATOMO, DOCKER_HUB, MATTERMOST, MATRIX)) {
            server.resetFaults();
            server.store().clear(server.fake().api());
        }
        dockerHubFaultsOn = DockerHubFakeApi.writes();
        SENTRY_STORE.clear(SENTRY_FAKE.api());
        SENTRY.resetFaults();
    }

    @AfterAll
    static void writeTallyAndStopFakes() throws IOException {
        for (FakeHttpServer server : List.of(OVH, MATOMO, DOCKER_HUB, MATTERMOST, MATRIX)) {
            server.stop();
        }
        SENTRY.stop();
        var lines = new ArrayList<String>();
        lines.add("| provider | fault | attempts | failed attempts | fault answers | write calls | at the fake |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.addAll(TALLY);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/provider-faults.md"), lines);
        lines.forEach(System.out::println);
    }

    // ---- OVH DNS: request-subdomain ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void subdomainRecordIsCreatedExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<SubdomainRequest> subdomains = type("request-subdomain");
        var request = new SubdomainRequest("f" + shortId(), SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600,
                "Startup d'État", "Fault test");
        String reference = "SUB-FAULT-" + shortId();
        OVH.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> subdomains.execute(request, reference));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.READY);
        assertThat(outcome.failedAttempts()).isEqualTo(fault.workDone() ? 1 : FAULTY_WRITES);
        assertThat(ovhRecords(request.label())).singleElement()
                .satisfies(r -> assertThat(r.path("target").asText()).isEqualTo(request.target()));
        assertThat(ovhBadlySigned()).isEmpty();
        tally("OVH DNS", fault, outcome, OVH, Map.of("dns records", ovhRecords(request.label()).size()));
    }

    // ---- OVH email: request-mailbox (asynchronous: execute, then checkPending) ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void mailboxIsCreatedExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<MailboxRequest> mailboxes = type("request-mailbox");
        var request = new MailboxRequest(MailboxKind.MAILBOX, "prenom.f" + shortId(), null, "Startup d'État",
                "Fault test");
        String reference = "MEL-FAULT-" + shortId();
        OVH.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> mailboxes.execute(request, reference));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.PENDING);
        assertThat(outcome.failedAttempts()).isEqualTo(fault.workDone() ? 1 : FAULTY_WRITES);
        assertThat(mailboxes.checkPending(request, reference).state()).isEqualTo(Execution.State.PENDING);
        OVH_FAKE.runPendingTasks();
        assertThat(mailboxes.checkPending(request, reference).state()).isEqualTo(Execution.State.READY);
        assertThat(ovhBadlySigned()).isEmpty();
        tally("OVH email", fault, outcome, OVH, Map.of("mailboxes", ovhDocuments("account", "accountName",
                request.localPart()).size(), "mailbox tasks", ovhDocuments("task", "name", request.localPart()).size()));
    }

    /**
     * Issue 10: the redirection's creation was done by OVH but its answer lost; the retried job finds OVH's task
     * still pending ({@code GET …/task/redirection}) and waits for it instead of creating a second redirection.
     */
    @ParameterizedTest(name = "Redirection: answer lost after the write, retried while the OVH task is still pending "
            + "→ one redirection ({0})")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE",
            "MALFORMED_JSON_AFTER_WRITE" })
    void redirectionAnswerLostAfterTheWriteRetriedWhileTheOvhTaskIsPendingGivesOneRedirection(ProviderFault fault) {
        RequestType<MailboxRequest> mailboxes = type("request-mailbox");
        String id = shortId();
        var request = new MailboxRequest(MailboxKind.REDIRECTION, "r" + id, "x" + id + "@example.org",
                "Startup d'État", "Fault test");
        String from = request.localPart() + "@" + ZONE;
        String reference = "MEL-FAULT-" + id;
        OVH.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> mailboxes.execute(request, reference));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.PENDING);
        assertThat(outcome.failedAttempts()).isEqualTo(1);
        assertThat(OVH.writeCalls()).as("the retry did not write again").isEqualTo(1);
        assertThat(mailboxes.execute(request, reference).state()).as("another retry").isEqualTo(Execution.State.PENDING);
        assertThat(mailboxes.checkPending(request, reference).state()).isEqualTo(Execution.State.PENDING);
        OVH_FAKE.runPendingTasks();
        assertThat(mailboxes.checkPending(request, reference).state()).isEqualTo(Execution.State.READY);
        assertThat(ovhDocuments("redirection", "from", from)).singleElement()
                .satisfies(r -> assertThat(r.path("to").asText()).isEqualTo(request.redirectTo()));
        assertThat(ovhBadlySigned()).isEmpty();
        tally("OVH redirection", fault, outcome, OVH, Map.of("redirections",
                ovhDocuments("redirection", "from", from).size(), "redirection tasks",
                ovhDocuments("task", "account", from).size()));
    }

    // ---- Matomo: request-matomo (two writes: addSite, inviteUser) ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void matomoSiteAndUserAreCreatedExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<MatomoRequest> matomo = type("request-matomo");
        String id = shortId();
        var request = new MatomoRequest("p" + id + "@beta.gouv.fr", "https://site-" + id + ".beta.gouv.fr",
                "Site " + id, MatomoAccess.ADMIN, "Startup d'État", "Fault test");
        MATOMO.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> matomo.execute(request, "MAT-FAULT-" + id));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.READY);
        // after the work: addSite's answer is lost, then inviteUser's; each retry finds what the previous one made
        assertThat(outcome.failedAttempts()).isEqualTo(FAULTY_WRITES);
        var fake = (MatomoFakeApi) MATOMO.fake();
        var users = fake.users().stream().filter(u -> u.email().equals(request.email())).toList();
        var inventory = new java.util.LinkedHashMap<String, Integer>();
        inventory.put("sites", (int) fake.sites().stream().filter(s -> s.url().equals(request.siteUrl())).count());
        inventory.put("users", users.size());
        inventory.put("accesses", users.stream().mapToInt(u -> u.access().size()).sum());
        tally("Matomo", fault, outcome, MATOMO, inventory);
    }

    // ---- Docker Hub: request-dockerhub (an organization member is added, anyone else invited) ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void dockerHubMemberIsAddedExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<DockerHubRequest> dockerHub = type("request-dockerhub");
        // florian is in the organization (the fake's seed), not yet in developers
        var request = new DockerHubRequest("florian", "developers", "Startup d'État", "Fault test");
        dockerHubFaultsOn = r -> r.method().equals("POST") && r.rawPath().endsWith("/groups/developers/members");
        DOCKER_HUB.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> dockerHub.execute(request, "DCK-FAULT-" + shortId()));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.READY);
        int expectedFailures = switch (fault) {
            // the member write is answered 200 without a body, which the client does not read
            case MALFORMED_JSON_AFTER_WRITE -> 0;
            case TIMEOUT_AFTER_WRITE, CONNECTION_DROPPED_AFTER_WRITE -> 1;
            default -> FAULTY_WRITES;
        };
        assertThat(outcome.failedAttempts()).isEqualTo(expectedFailures);
        var fake = (DockerHubFakeApi) DOCKER_HUB.fake();
        tally("Docker Hub (add)", fault, outcome, DOCKER_HUB, Map.of("team members",
                (int) fake.members("developers").stream().filter("florian"::equals).count()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void dockerHubInvitationIsSentExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<DockerHubRequest> dockerHub = type("request-dockerhub");
        var request = new DockerHubRequest("dev" + shortId(), "developers", "Startup d'État", "Fault test");
        dockerHubFaultsOn = r -> r.method().equals("POST") && r.rawPath().equals("/v2/invites/bulk");
        DOCKER_HUB.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> dockerHub.execute(request, "DCK-FAULT-" + shortId()));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.READY);
        // after the work (the invite's answer lost or unreadable) the retry finds the pending invitation
        assertThat(outcome.failedAttempts()).isEqualTo(fault.workDone() ? 1 : FAULTY_WRITES);
        var fake = (DockerHubFakeApi) DOCKER_HUB.fake();
        tally("Docker Hub (invite)", fault, outcome, DOCKER_HUB, Map.of("invitations", (int) fake.invites().stream()
                .filter(i -> i.invitee().equals(request.dockerId()) && i.team().equals("developers")).count()));
    }

    // ---- Sentry: request-sentry (two writes for a new email in a new team: the team, the invitation) ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProviderFault.class)
    void sentryTeamAndInvitationAreMadeExactlyOnceWhateverTheWriteFault(ProviderFault fault) {
        RequestType<SentryRequest> sentry = type("request-sentry");
        String id = shortId();
        var request = new SentryRequest("s" + id + "@example.org", "equipe-" + id, SentryTeamRole.ADMIN,
                "Startup d'État", "Fault test");
        SENTRY.failNextWrites(fault, FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> sentry.execute(request, "SEN-FAULT-" + id));

        assertThat(outcome.execution().state()).isEqualTo(Execution.State.READY);
        // team and invitation answers are not read: a broken body after the work is no failure
        assertThat(outcome.failedAttempts())
                .isEqualTo(fault == ProviderFault.MALFORMED_JSON_AFTER_WRITE ? 0 : FAULTY_WRITES);
        long teams = SENTRY_FAKE.teamSlugs().stream().filter(request.team()::equals).count();
        long members = SENTRY_FAKE.membersWithEmail(request.email());
        assertThat(teams).as("teams").isEqualTo(1);
        assertThat(members).as("members (invitations)").isEqualTo(1);
        assertThat(SENTRY_FAKE.teamRole(request.email(), request.team())).contains("admin");
        TALLY.add("| Sentry | " + fault + " | " + outcome.attempts() + " | " + outcome.failedAttempts() + " | "
                + SENTRY.faultsServed() + " | " + SENTRY.writeCalls() + " | teams=" + teams + ", members=" + members
                + " |");
    }

    // ---- the chats: the posts of every request (announce job, then replies and the ✅) ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "SERVER_ERROR", "RATE_LIMITED" })
    void chatPostRefusedByTheServerIsRetriedAndPostedOnce(ProviderFault fault) {
        MattermostChannel channel = mattermost();
        MATTERMOST.failNextWrites(chatFault(fault), FAULTY_WRITES);
        String key = "SUB-FAULT-" + shortId() + ":announce";

        Outcome outcome = retryLikeTheJobExecutor(() -> {
            channel.post(key, text("Nouvelle demande SUB-FAULT"));
            return Execution.ready("posted");
        });

        assertThat(outcome.failedAttempts()).isEqualTo(FAULTY_WRITES);
        tallyChat("Mattermost", fault, outcome, MATTERMOST, mattermostPosts());
    }

    /**
     * A post is idempotent by its key ({@link MattermostChannel}): when the server stored it and the answer was
     * lost, the retried job looks the key up in the channel, finds the post and does not post again. One failed
     * attempt, one post, and the retry returns the id of the post the server made.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE",
            "MALFORMED_JSON_AFTER_WRITE" })
    void chatPostWhoseAnswerWasLostIsFoundOnRetryAndPostedOnce(ProviderFault fault) {
        MattermostChannel channel = mattermost();
        MATTERMOST.failNextWrites(chatFault(fault), FAULTY_WRITES);
        String key = "SUB-FAULT-" + shortId() + ":announce";
        List<String> ids = Collections.synchronizedList(new ArrayList<>());

        Outcome outcome = retryLikeTheJobExecutor(() -> {
            ids.add(channel.post(key, text("Nouvelle demande SUB-FAULT")));
            return Execution.ready("posted");
        });

        assertThat(outcome.failedAttempts()).isEqualTo(1);
        assertThat(MATTERMOST.writeCalls()).isEqualTo(1);
        var threads = ((MattermostFakeApi) MATTERMOST.fake()).threads();
        assertThat(threads).singleElement();
        assertThat(ids).containsExactly(threads.get(0).rootId());
        tallyChat("Mattermost", fault, outcome, MATTERMOST, mattermostPosts());
    }

    /** The same for a reply: the retry finds it in the thread ({@code GET /api/v4/posts/{root}/thread}). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE",
            "MALFORMED_JSON_AFTER_WRITE" })
    void chatReplyWhoseAnswerWasLostIsFoundOnRetryAndRepliedOnce(ProviderFault fault) {
        MattermostChannel channel = mattermost();
        String reference = "SUB-FAULT-" + shortId();
        String root = channel.post(reference + ":announce", text("Nouvelle demande SUB-FAULT"));
        MATTERMOST.failNextWrites(chatFault(fault), FAULTY_WRITES);

        Outcome outcome = retryLikeTheJobExecutor(() -> {
            channel.reply(root, reference + ":claimed", text("Pris en charge"));
            return Execution.ready("replied");
        });

        assertThat(outcome.failedAttempts()).isEqualTo(1);
        assertThat(((MattermostFakeApi) MATTERMOST.fake()).thread(root).orElseThrow().replyMessages())
                .containsExactly("Pris en charge");
    }

    /** Matrix: 500 and 429 {@code M_LIMIT_EXCEEDED} are technical; the retried job posts once. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "SERVER_ERROR", "RATE_LIMITED" })
    void matrixPostRefusedByTheServerIsRetriedAndPostedOnce(ProviderFault fault) {
        MatrixChannel channel = matrix();
        MATRIX.failNextWrites(chatFault(fault), FAULTY_WRITES);
        String key = "SUB-FAULT-" + shortId() + ":announce";

        Outcome outcome = retryLikeTheJobExecutor(() -> {
            channel.post(key, text("Nouvelle demande SUB-FAULT"));
            return Execution.ready("posted");
        });

        assertThat(outcome.failedAttempts()).isEqualTo(FAULTY_WRITES);
        tallyChat("Matrix", fault, outcome, MATRIX, matrixEvents());
    }

    /**
     * Matrix: the event was stored and the answer lost; the retried job sends the same txnId, the homeserver answers
     * the original event id: still one event in the room, and the id returned is that event's.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE",
            "MALFORMED_JSON_AFTER_WRITE" })
    void matrixPostWhoseAnswerWasLostIsAnsweredWithTheSameEventOnRetry(ProviderFault fault) {
        MatrixChannel channel = matrix();
        MATRIX.failNextWrites(chatFault(fault), 1);
        String key = "SUB-FAULT-" + shortId() + ":announce";
        List<String> ids = Collections.synchronizedList(new ArrayList<>());

        Outcome outcome = retryLikeTheJobExecutor(() -> {
            ids.add(channel.post(key, text("Nouvelle demande SUB-FAULT")));
            return Execution.ready("posted");
        });

        assertThat(outcome.failedAttempts()).isEqualTo(1);
        assertThat(MATRIX.writeCalls()).isEqualTo(2);
        var events = ((MatrixFakeApi) MATRIX.fake()).events();
        assertThat(events).singleElement();
        assertThat(ids).containsExactly(events.get(0).get("event_id").asText());
        tallyChat("Matrix", fault, outcome, MATRIX, matrixEvents());
    }

    /** Matrix: a reply and the ✅ whose answers were lost are stored once. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProviderFault.class, names = { "TIMEOUT_AFTER_WRITE", "CONNECTION_DROPPED_AFTER_WRITE",
            "MALFORMED_JSON_AFTER_WRITE" })
    void matrixReplyAndReactionWhoseAnswersWereLostAreStoredOnce(ProviderFault fault) {
        MatrixChannel channel = matrix();
        String reference = "SUB-FAULT-" + shortId();
        String root = channel.post(reference + ":announce", text("Nouvelle demande SUB-FAULT"));
        MATRIX.failNextWrites(chatFault(fault), 1);
        Outcome replied = retryLikeTheJobExecutor(() -> {
            channel.reply(root, reference + ":done", text("fait"));
            return Execution.ready("replied");
        });
        MATRIX.failNextWrites(chatFault(fault), 1);
        Outcome reacted = retryLikeTheJobExecutor(() -> {
            channel.react(root, "white_check_mark");
            return Execution.ready("reacted");
        });

        assertThat(replied.failedAttempts()).isEqualTo(1);
        assertThat(reacted.failedAttempts()).isEqualTo(1);
        var thread = ((MatrixFakeApi) MATRIX.fake()).thread(root).orElseThrow();
        assertThat(thread.replyMessages()).containsExactly("fait");
        assertThat(thread.reactions()).containsExactly("white_check_mark");
        assertThat(((MatrixFakeApi) MATRIX.fake()).events()).hasSize(3);
    }

    // ---- the engine: execute job, retries with backoff, incident, Cockpit's retry ----

    @Test
    void failingExecuteJobIsRetriedWithBackoffThenAnIncidentThatARetryResolvesWithOneRecord() {
        RequestType<SubdomainRequest> subdomains = type("request-subdomain");
        var request = new SubdomainRequest("e" + shortId(), SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600,
                "Startup d'État", "Fault test on the engine");
        ProcessInstance pi = startAndTake(subdomains, request);
        OVH.failNextWrites(ProviderFault.SERVER_ERROR, JOB_ATTEMPTS);

        Job job = runJobsUntilExecute(pi);
        int attempts = 0;
        for (int expectedRetries = JOB_ATTEMPTS - 1; expectedRetries >= 0; expectedRetries--) {
            Instant before = Instant.now();
            assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("500");
            attempts++;
            Job failed = executeJob(pi);
            assertThat(failed.getRetries()).isEqualTo(expectedRetries);
            if (expectedRetries > 0) {
                // R3/PT5M: the next attempt is due five minutes later
                assertThat(failed.getDuedate()).isAfterOrEqualTo(Date.from(before.plus(Duration.ofMinutes(5))))
                        .isBefore(Date.from(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5)));
            }
        }
        var incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(LifecycleElements.EXECUTE);
        assertThat(incident.getIncidentMessage()).contains("500");
        assertThat(ovhRecords(request.label())).isEmpty();

        managementService.setJobRetries(job.getId(), 1); // what "Retry" in Cockpit does
        managementService.executeJob(job.getId());
        attempts++;
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(LifecycleElements.CONFIRM);
        assertThat(ovhRecords(request.label())).hasSize(1);
        TALLY.add("| OVH DNS (engine, incident) | SERVER_ERROR ×" + JOB_ATTEMPTS + " | " + attempts + " | "
                + JOB_ATTEMPTS + " | " + OVH.faultsServed() + " | " + OVH.writeCalls() + " | dns records="
                + ovhRecords(request.label()).size() + " |");
    }

    @Test
    void executeJobWhoseAnswerWasLostFindsTheRecordOnItsRetryAndRaisesNoIncident() {
        RequestType<SubdomainRequest> subdomains = type("request-subdomain");
        var request = new SubdomainRequest("d" + shortId(), SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600,
                "Startup d'État", "Fault test on the engine");
        ProcessInstance pi = startAndTake(subdomains, request);
        OVH.failNextWrites(ProviderFault.CONNECTION_DROPPED_AFTER_WRITE, 1);

        Job job = runJobsUntilExecute(pi);
        assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(executeJob(pi).getRetries()).isEqualTo(JOB_ATTEMPTS - 1);
        assertThat(ovhRecords(request.label())).hasSize(1);
        managementService.executeJob(job.getId()); // the retry, due five minutes later
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(LifecycleElements.CONFIRM);
        assertThat(ovhRecords(request.label())).hasSize(1);
        TALLY.add("| OVH DNS (engine, found on retry) | CONNECTION_DROPPED_AFTER_WRITE ×1 | 2 | 1 | "
                + OVH.faultsServed() + " | " + OVH.writeCalls() + " | dns records=" + ovhRecords(request.label()).size()
                + " |");
    }

    // ---- helpers ----

    record Outcome(Execution execution, int attempts, int failedAttempts) {
    }

    /**
     * Calls {@code attempt} as the job executor runs a job with {@code R3/PT5M}: again after each technical failure,
     * at most {@value #JOB_ATTEMPTS} times (the five-minute wait is the engine's, checked in the engine tests).
     */
    private static Outcome retryLikeTheJobExecutor(Supplier<Execution> attempt) {
        var failures = new ArrayList<String>();
        for (int i = 1; i <= JOB_ATTEMPTS; i++) {
            try {
                return new Outcome(attempt.get(), i, failures.size());
            } catch (ProviderUnavailableException e) {
                failures.add(e.getMessage());
            }
        }
        return fail("still failing after " + JOB_ATTEMPTS + " attempts, it would be an incident: " + failures);
    }


    /** The same for a provider served by its {@code FakeApi} over HTTP; {@code held} is what the fake holds. */
    private static void tally(String provider, ProviderFault fault, Outcome outcome, FakeHttpServer server,
            Map<String, Integer> held) {
        assertThat(held).as("resources at the fake").allSatisfy((kind, count) -> assertThat(count).as(kind)
                .isEqualTo(1));
        var text = new StringBuilder();
        new java.util.TreeMap<>(held).forEach((kind, count) -> text.append(text.isEmpty() ? "" : ", ").append(kind)
                .append('=').append(count));
        TALLY.add("| " + provider + " | " + fault + " | " + outcome.attempts() + " | " + outcome.failedAttempts()
                + " | " + server.faultsServed() + " | " + server.writeCalls() + " | " + text + " |");
    }


    /** Records of the zone at {@code label} held by the OVH fake. */
    private static List<com.fasterxml.jackson.databind.node.ObjectNode> ovhRecords(String label) {
        return ovhDocuments("record", "subDomain", label);
    }

    private static List<com.fasterxml.jackson.databind.node.ObjectNode> ovhDocuments(String collection,
            String field, String value) {
        return OVH_STORE.collection(OvhFakeApi.API, collection).list().stream()
                .filter(d -> d.path(field).asText().equalsIgnoreCase(value)).toList();
    }

    /** Calls the OVH fake received that OVH would refuse (keys, timestamp, signature). */
    private static List<String> ovhBadlySigned() {
        return OVH.received().stream().filter(r -> !r.rawPath().endsWith("/auth/time"))
                .filter(r -> OVH_FAKE.authenticationFailure(r).isPresent()).map(r -> r.method() + " " + r.rawPath())
                .toList();
    }

    /** Docker Hub's 429: {@code X-Retry-After} is a unix timestamp. */
    private static fr.beta.guichet.provider.ProviderResponse dockerHubRateLimited() {
        String reset = Long.toString(java.time.Instant.now().getEpochSecond() + 1);
        return FakeResponses.json(429, Map.of("message", "rate limit exceeded", "errinfo", Map.of()),
                Map.of("X-RateLimit-Limit", "180", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset,
                        "X-Retry-After", reset));
    }


    private ProcessInstance startAndTake(RequestType<SubdomainRequest> type, SubdomainRequest request) {
        String reference = starter.start(type, request, "alice");
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        jobs.runDueJobs(pi.getId());
        var claim = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(claim.getTaskDefinitionKey()).isEqualTo(LifecycleElements.CLAIM);
        tasks.take(claim.getId(), holders.of(type.resourceGroup()).get(0));
        return pi;
    }

    /** Runs the jobs before {@code execute} (the claim's notification) and returns the {@code execute} job. */
    private Job runJobsUntilExecute(ProcessInstance pi) {
        for (int i = 0; i < 10 && executeJob(pi) == null; i++) {
            Job next = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list().get(0);
            managementService.executeJob(next.getId());
        }
        return executeJob(pi);
    }

    private Job executeJob(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.EXECUTE).singleResult();
    }

    private static MattermostChannel mattermost() {
        var properties = new MattermostProperties(ProviderMode.LIVE, java.net.URI.create(MATTERMOST.baseUrl()),
                MATTERMOST_TOKEN, MATTERMOST_CHANNEL, Duration.ofSeconds(1), READ_TIMEOUT);
        return new MattermostChannel(properties, new ConnectHttpTransport("mattermost", Duration.ofSeconds(1),
                READ_TIMEOUT));
    }

    private static MatrixChannel matrix() {
        var properties = new MatrixProperties(ProviderMode.LIVE, java.net.URI.create(MATRIX.baseUrl()), MATRIX_TOKEN,
                MATRIX_ROOM, Duration.ofSeconds(1), READ_TIMEOUT);
        return new MatrixChannel(properties, new ConnectHttpTransport("matrix", Duration.ofSeconds(1), READ_TIMEOUT));
    }

    private static ChatMessage text(String appText) {
        return new ChatMessage(List.of(new ChatMessage.AppText(appText)));
    }

    private static fr.beta.guichet.support.ProviderFault chatFault(ProviderFault fault) {
        return fault;
    }

    private static int mattermostPosts() {
        var fake = (MattermostFakeApi) MATTERMOST.fake();
        return fake.threads().stream().mapToInt(t -> 1 + t.replies().size()).sum();
    }

    private static int matrixEvents() {
        return ((MatrixFakeApi) MATRIX.fake()).events().size();
    }

    /** A chat case: exactly one post (or event) at the fake. */
    private static void tallyChat(String chat, ProviderFault fault, Outcome outcome, FakeHttpServer server,
            int held) {
        assertThat(held).as("posts at the fake").isEqualTo(1);
        TALLY.add("| " + chat + " | " + fault + " | " + outcome.attempts() + " | " + outcome.failedAttempts() + " | "
                + server.faultsServed() + " | " + server.writeCalls() + " | posts=" + held + " |");
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> RequestType<R> type(String processKey) {
        return (RequestType<R>) types.byKey(processKey).orElseThrow();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
