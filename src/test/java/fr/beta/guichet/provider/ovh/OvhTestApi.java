package fr.beta.guichet.provider.ovh;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.support.FakeHttpServer;
import fr.beta.guichet.support.FaultyTransport;

/**
 * OVH for the tests of the live clients: the sandbox's {@link OvhFakeApi} (signature check, DNS, asynchronous email),
 * its clock an hour ahead of the client's so that the server time is really used, reached in process through
 * {@link SandboxTransport} wrapped by a {@link FaultyTransport} that records every call and can answer a given
 * call with an odd answer of OVH ({@link #stub}). {@link #overHttp} serves the same fake over real HTTP for socket
 * faults and Camunda Connect.
 */
public final class OvhTestApi {

    public static final String APPLICATION_KEY = "testApplicationKey";
    public static final String APPLICATION_SECRET = "testApplicationSecret0123456789";
    public static final String CONSUMER_KEY = "testConsumerKey0123456789abcdef";
    public static final String ZONE = "beta.gouv.fr";
    public static final String DOMAIN = "beta.gouv.fr";
    public static final Duration SERVER_AHEAD = Duration.ofHours(1);
    static final URI ENDPOINT = URI.create("https://ovh.test.invalid/1.0");
    static final String TIME_PATH = "/1.0/auth/time";

    final SandboxStore store;
    final OvhFakeApi fake;
    final FaultyTransport faults = new FaultyTransport();
    final HttpTransport transport;

    public OvhTestApi() {
        this(new InMemorySandboxStore(), Duration.ofSeconds(10));
    }

    OvhTestApi(SandboxStore store, Duration emailDelay) {
        this(store, Clock.offset(Clock.systemUTC(), SERVER_AHEAD), emailDelay);
    }

    OvhTestApi(SandboxStore store, Clock serverClock, Duration emailDelay) {
        this.store = store;
        this.fake = fake(store, serverClock, emailDelay);
        this.transport = faults.decorate(new SandboxTransport("ovh", fake, store));
    }

    /** The fake with the test credentials, zone {@value #ZONE} and mail domain {@value #DOMAIN}. */
    public static OvhFakeApi fake(SandboxStore store, Clock clock, Duration emailDelay) {
        return new OvhFakeApi(store, clock, new OvhFakeApi.Settings(APPLICATION_KEY, APPLICATION_SECRET,
                CONSUMER_KEY, List.of(ZONE), List.of(DOMAIN), emailDelay));
    }

    /** Live-mode properties with the test credentials. */
    public static OvhProperties properties(URI endpoint, String applicationSecret, Duration readTimeout) {
        return new OvhProperties(ProviderMode.LIVE, endpoint, APPLICATION_KEY, applicationSecret, CONSUMER_KEY,
                Duration.ofSeconds(2), readTimeout, null);
    }

    /** The write calls of the OVH clients (faults are injected there): creations and deletions, not refreshes. */
    public static Predicate<ProviderRequest> writes() {
        return r -> (r.method().equals("POST") || r.method().equals("DELETE")) && !r.rawPath().endsWith("/refresh");
    }

    /** OVH documents no rate-limit header; the standard Retry-After is the most likely shape (unverified). */
    public static ProviderResponse rateLimited() {
        return new ProviderResponse(429, "{\"message\":\"Too many requests\"}",
                Map.of("Content-Type", "application/json", "Retry-After", "1"));
    }

    /** The fake over real HTTP; point a client at {@code baseUrl() + "/1.0"}. */
    public static FakeHttpServer overHttp(OvhFakeApi fake, SandboxStore store) {
        return new FakeHttpServer(fake, store, writes(), rateLimited());
    }

    OvhApi api(String applicationSecret) {
        return new OvhApi(properties(ENDPOINT, applicationSecret, Duration.ofSeconds(5)), transport);
    }

    OvhDnsClient client() {
        return new OvhDnsClient(api(APPLICATION_SECRET));
    }

    OvhDnsClient client(String applicationSecret) {
        return new OvhDnsClient(api(applicationSecret));
    }

    OvhEmailClient emailClient() {
        return new OvhEmailClient(api(APPLICATION_SECRET));
    }

    /** Every later {@code method} call of exactly {@code pathAndQuery} (below the host) gets {@code answer}. */
    void stub(String method, String pathAndQuery, ProviderResponse answer) {
        String url = "https://" + ENDPOINT.getHost() + pathAndQuery;
        faults.answerNext("ovh", r -> r.method().equals(method) && r.url().equals(url), r -> answer,
                Integer.MAX_VALUE);
    }

    static ProviderResponse okJson(String body) {
        return new ProviderResponse(200, body, Map.of("Content-Type", "application/json"));
    }

    static ProviderResponse ovhError(int status, String errorClass, String errorCode, String message) {
        return OvhFakeApi.error(status, errorClass, errorCode, message);
    }

    /** Authenticated calls received, oldest first. */
    List<ProviderRequest> authenticatedRequests() {
        return faults.calls("ovh").stream().map(FaultyTransport.Call::request)
                .filter(r -> !r.rawPath().equals(TIME_PATH)).toList();
    }

    List<String> authenticatedBodies() {
        return authenticatedRequests().stream().map(ProviderRequest::body).toList();
    }

    /** Authenticated calls OVH would refuse (keys, timestamp, signature), whatever answered them. */
    List<String> badlySigned() {
        return authenticatedRequests().stream().filter(r -> fake.authenticationFailure(r).isPresent())
                .map(r -> r.method() + " " + r.rawPath()).toList();
    }

    long serverNow() {
        return Instant.now().plus(SERVER_AHEAD).getEpochSecond();
    }

    /** A live client through Camunda Connect to {@code server}. */
    static OvhApi overHttpApi(FakeHttpServer server, Duration readTimeout) {
        var properties = properties(URI.create(server.baseUrl() + "/1.0"), APPLICATION_SECRET, readTimeout);
        return new OvhApi(properties, new ConnectHttpTransport("ovh", properties.connectTimeout(),
                properties.readTimeout()));
    }
}
