package fr.beta.guichet.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import fr.beta.guichet.provider.FakeApi;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.SandboxStore;

/**
 * A provider's {@link FakeApi} — the very fake of sandbox mode — served over real HTTP (WireMock), for tests of the
 * live clients through Camunda Connect and for socket-level faults: a fault can be armed for the next N write calls
 * ({@link ProviderFault}); the faults that happen after the work first let the fake do the write, then break the
 * answer.
 */
public class FakeHttpServer {

    /** Longer than the read timeout of the clients under test (300 ms). */
    public static final int TIMEOUT_DELAY_MILLIS = 1200;

    private final WireMockServer server;
    private final FakeApi fake;
    private final SandboxStore store;
    private final Predicate<ProviderRequest> isWrite;
    private final ProviderResponse rateLimited;
    private ProviderFault fault;
    private int faultsLeft;
    private int faultsServed;
    private int writeCalls;

    /**
     * @param isWrite     the calls faults are injected into
     * @param rateLimited this provider's 429, with its "retry after" header
     */
    public FakeHttpServer(FakeApi fake, SandboxStore store, Predicate<ProviderRequest> isWrite,
            ProviderResponse rateLimited) {
        this.fake = fake;
        this.store = store;
        this.isWrite = isWrite;
        this.rateLimited = rateLimited;
        server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
        warmUp();
    }

    /** With its own in-memory store. */
    public FakeHttpServer(FakeApi fake, Predicate<ProviderRequest> isWrite, ProviderResponse rateLimited) {
        this(fake, new InMemorySandboxStore(), isWrite, rateLimited);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public FakeApi fake() {
        return fake;
    }

    public SandboxStore store() {
        return store;
    }

    /** Forgets every fault and counter (not the fake's state: clear the store for that). */
    public synchronized void resetFaults() {
        fault = null;
        faultsLeft = 0;
        faultsServed = 0;
        writeCalls = 0;
        server.resetRequests();
    }

    /** The next {@code times} write calls fail with {@code fault}; later ones are served normally. */
    public synchronized void failNextWrites(ProviderFault fault, int times) {
        this.fault = fault;
        this.faultsLeft = times;
    }

    public synchronized int faultsServed() {
        return faultsServed;
    }

    public synchronized int writeCalls() {
        return writeCalls;
    }

    /** Every request received, for assertions on what the client sent. */
    public java.util.List<ProviderRequest> received() {
        var events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(e -> toRequest(e.getRequest())).toList();
    }

    public void stop() {
        server.stop();
    }

    private ProviderResponse call(ProviderRequest request) {
        return store.atomically(fake.api(), () -> fake.handle(request));
    }

    private synchronized ResponseDefinition serve(Request wire) {
        ProviderRequest request = toRequest(wire);
        if (!isWrite.test(request)) {
            return definition(call(request)).build();
        }
        writeCalls++;
        if (fault == null || faultsLeft == 0) {
            return definition(call(request)).build();
        }
        faultsLeft--;
        faultsServed++;
        return switch (fault) {
            case SERVER_ERROR -> aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Internal Server Error\"}").build();
            case RATE_LIMITED -> definition(rateLimited).build();
            case TIMEOUT_AFTER_WRITE -> definition(call(request)).withFixedDelay(TIMEOUT_DELAY_MILLIS).build();
            case CONNECTION_DROPPED_AFTER_WRITE -> {
                call(request);
                yield aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            case MALFORMED_JSON_AFTER_WRITE -> {
                ProviderResponse done = call(request);
                yield aResponse().withStatus(done.status()).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 4815, \"sta").build();
            }
        };
    }

    private static ResponseDefinitionBuilder definition(ProviderResponse response) {
        var builder = aResponse().withStatus(response.status()).withBody(response.body());
        response.headers().forEach(builder::withHeader);
        return builder;
    }

    private static ProviderRequest toRequest(Request wire) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader header : wire.getHeaders().all()) {
            headers.put(header.key(), header.firstValue());
        }
        String url = URI.create(wire.getAbsoluteUrl()).toString();
        return new ProviderRequest(wire.getMethod().getName(), url, headers,
                new String(wire.getBody(), StandardCharsets.UTF_8));
    }

    /** One request before the tests, so that the clients' short read timeout never meets Jetty's first-call cost. */
    private void warmUp() {
        try {
            java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__warm-up__")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("fake did not answer its warm-up request", e);
        }
    }

    private class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            if (serveEvent.getRequest().getUrl().startsWith("/__warm-up__")) {
                return aResponse().withStatus(204).build();
            }
            return serve(serveEvent.getRequest());
        }

        @Override
        public String getName() {
            return "fake-api";
        }
    }
}
