package fr.beta.guichet.reliability;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.notification.mattermost.MattermostFakeApi;
import fr.beta.guichet.notification.mattermost.MattermostProperties;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.dimail.fake.DimailFakeApi;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.provider.matomo.MatomoFakeApi;
import fr.beta.guichet.provider.ovh.OvhFakeApi;
import fr.beta.guichet.provider.ovh.OvhTestApi;
import fr.beta.guichet.provider.sentry.SentryFakeApi;
import fr.beta.guichet.support.FakeHttpServer;

/**
 * Local HTTP fakes of every provider (OVH, Matomo, Docker Hub, Sentry, Mattermost), for an application started in
 * live mode as a separate process: {@link #environment()} gives the environment variables that point its live
 * clients at them, {@link #dnsRecords()} and {@link #chatMessages()} what they received. They are the sandbox's own
 * fakes ({@code *FakeApi}) served over real HTTP by {@link FakeHttpServer}: one behavioural model per API.
 */
public final class LiveProviderFakes implements AutoCloseable {

    /** A DNS record the OVH fake holds. */
    public record DnsRecord(String zone, String subDomain, String fieldType, String target) {
    }

    private static final String MATOMO_TOKEN = "smoke-matomo-token";
    private static final String DOCKERHUB_ORGANIZATION = "betagouv";
    private static final String DOCKERHUB_IDENTIFIER = "smoke-bot";
    private static final String DOCKERHUB_SECRET = "dckr_pat_smoke";
    private static final String SENTRY_ORGANIZATION = "betagouv";
    private static final String SENTRY_TOKEN = "smoke-sentry-token";
    private static final String MATTERMOST_TOKEN = "smoke-mattermost-token";
    private static final String DIMAIL_USER = "smoke-dimail";
    private static final String DIMAIL_PASSWORD = "smoke-dimail-password";
    private static final String MATTERMOST_CHANNEL = "smokechannel00000000000000";
    private static final ProviderResponse RATE_LIMITED = FakeResponses.json(429, Map.of("message", "slow down"),
            Map.of("Retry-After", "1"));

    private final InMemorySandboxStore store = new InMemorySandboxStore();
    private final OvhFakeApi ovhFake = OvhTestApi.fake(store, Clock.systemUTC(), Duration.ZERO);
    private final FakeHttpServer ovh = OvhTestApi.overHttp(ovhFake, store);
    private final FakeHttpServer matomo = new FakeHttpServer(new MatomoFakeApi(store, MATOMO_TOKEN,
            Clock.systemUTC()), store, MatomoFakeApi.writes(), RATE_LIMITED);
    private final FakeHttpServer dockerHub = new FakeHttpServer(new DockerHubFakeApi(store, DOCKERHUB_ORGANIZATION,
            DOCKERHUB_IDENTIFIER, DOCKERHUB_SECRET, Clock.systemUTC()), store, DockerHubFakeApi.writes(),
            RATE_LIMITED);
    private final FakeHttpServer sentry = new FakeHttpServer(new SentryFakeApi(store, SENTRY_ORGANIZATION,
            SENTRY_TOKEN, 100, Clock.systemUTC()), store, r -> !r.method().equals("GET"), RATE_LIMITED);
    private final MattermostFakeApi mattermostFake = new MattermostFakeApi(store, new MattermostProperties(
            ProviderMode.LIVE, URI.create("http://fake"), MATTERMOST_TOKEN, MATTERMOST_CHANNEL, null, null));
    private final FakeHttpServer mattermost = new FakeHttpServer(mattermostFake, store, MattermostFakeApi::isWrite,
            MattermostFakeApi.rateLimited());
    // the mail provider of the production default (GUICHET_MAIL_PROVIDER=dimail)
    private final FakeHttpServer dimail = new FakeHttpServer(new DimailFakeApi(store, Clock.systemUTC(),
            new DimailFakeApi.Settings(DIMAIL_USER, DIMAIL_PASSWORD, List.of("beta.gouv.fr"), Duration.ZERO,
                    Duration.ofMinutes(10))), store, r -> !r.method().equals("GET"), RATE_LIMITED);

    public LiveProviderFakes() {
        // forget each fake's warm-up call
        for (FakeHttpServer server : servers()) {
            server.resetFaults();
        }
    }

    /** The environment variables of the production profile that point every provider, live, at these fakes. */
    public Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        env.put("OVH_MODE", "live");
        env.put("OVH_ENDPOINT", ovh.baseUrl() + "/1.0");
        env.put("OVH_APPLICATION_KEY", OvhTestApi.APPLICATION_KEY);
        env.put("OVH_APPLICATION_SECRET", OvhTestApi.APPLICATION_SECRET);
        env.put("OVH_CONSUMER_KEY", OvhTestApi.CONSUMER_KEY);
        env.put("MATOMO_MODE", "live");
        env.put("MATOMO_URL", matomo.baseUrl());
        env.put("MATOMO_TOKEN", MATOMO_TOKEN);
        env.put("DOCKERHUB_MODE", "live");
        // no variable of its own in application.yaml: Spring's relaxed binding of guichet.dockerhub.base-url
        env.put("GUICHET_DOCKERHUB_BASE_URL", dockerHub.baseUrl());
        env.put("DOCKERHUB_ORGANIZATION", DOCKERHUB_ORGANIZATION);
        env.put("DOCKERHUB_IDENTIFIER", DOCKERHUB_IDENTIFIER);
        env.put("DOCKERHUB_TOKEN", DOCKERHUB_SECRET);
        env.put("SENTRY_MODE", "live");
        env.put("SENTRY_URL", sentry.baseUrl());
        env.put("SENTRY_ORGANIZATION", SENTRY_ORGANIZATION);
        env.put("SENTRY_TOKEN", SENTRY_TOKEN);
        env.put("MATTERMOST_MODE", "live");
        env.put("MATTERMOST_URL", mattermost.baseUrl());
        env.put("MATTERMOST_TOKEN", MATTERMOST_TOKEN);
        env.put("MATTERMOST_CHANNEL_ID", MATTERMOST_CHANNEL);
        env.put("GUICHET_MAIL_PROVIDER", "dimail");
        env.put("DIMAIL_MODE", "live");
        env.put("DIMAIL_URL", dimail.baseUrl());
        env.put("DIMAIL_USER", DIMAIL_USER);
        env.put("DIMAIL_PASSWORD", DIMAIL_PASSWORD);
        return env;
    }

    /** The records the OVH fake holds, in creation order. */
    public List<DnsRecord> dnsRecords() {
        return store.collection(OvhFakeApi.API, "record").list().stream()
                .map(r -> new DnsRecord(r.path("zone").asText(), r.path("subDomain").asText(),
                        r.path("fieldType").asText(), r.path("target").asText()))
                .toList();
    }

    /** OVH calls refused for a bad signature (0 when the app signs as OVH wants). */
    public int badlySignedOvhCalls() {
        return (int) ovh.received().stream().filter(r -> !r.rawPath().endsWith("/auth/time"))
                .filter(r -> ovhFake.authenticationFailure(r).isPresent()).count();
    }

    /** The messages posted in the ops channel (roots and replies), oldest first. */
    public List<String> chatMessages() {
        var messages = new ArrayList<String>();
        for (ChatThread thread : mattermostFake.threads()) {
            messages.add(thread.message());
            thread.replies().forEach(reply -> messages.add(reply.message()));
        }
        return messages;
    }

    private List<FakeHttpServer> servers() {
        return List.of(ovh, matomo, dockerHub, sentry, mattermost, dimail);
    }

    @Override
    public void close() {
        for (FakeHttpServer server : servers()) {
            server.stop();
        }
    }
}
