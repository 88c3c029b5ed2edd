package fr.beta.guichet.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A local provider on WireMock that keeps what it is asked to create, so that "exactly one resource in the end" is
 * a real count. Every request goes through one transformer that answers from the fake's state
 * ({@link #answer(Call)}); a fault can be armed for the next N write calls ({@link #isWrite(Call)}). The faults
 * marked {@link ProviderFault#workDone()} first apply the write to the state, then break the answer.
 * <p>
 * The state is guarded by the fake's monitor: Jetty serves requests on several threads.
 */
abstract class StatefulFake {

    /** Longer than the read timeout of the clients under test (300 ms). */
    static final int TIMEOUT_DELAY_MILLIS = 1200;

    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server;
    private ProviderFault fault;
    private int faultsLeft;
    private int faultsServed;
    private int writeCalls;

    StatefulFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
        warmUp();
    }

    /** One request before the tests, so that the clients' short read timeout never meets Jetty's first-call cost. */
    private void warmUp() {
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("fake did not answer its warm-up request", e);
        }
    }

    /** One request as the fake reads it. */
    record Call(String method, String path, Map<String, String> query, String body, Request request) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalArgumentException("fake got a body that is not JSON: " + body, e);
            }
        }

        /** Fields of an {@code application/x-www-form-urlencoded} body. */
        Map<String, String> form() {
            return parse(body);
        }
    }

    /** The answer from the fake's state; a write changes the state. */
    protected abstract ResponseDefinitionBuilder answer(Call call);

    /** The calls faults are injected into. */
    protected abstract boolean isWrite(Call call);

    /** 429 with this provider's "retry after" header. */
    protected abstract ResponseDefinitionBuilder rateLimited();

    /** What the fake holds, by kind of resource: each must be exactly 1 once a request is done. */
    abstract Map<String, Integer> inventory();

    /** Forgets every resource and fault. */
    synchronized void reset() {
        clearState();
        fault = null;
        faultsLeft = 0;
        faultsServed = 0;
        writeCalls = 0;
        server.resetRequests();
    }

    protected abstract void clearState();

    /** The next {@code times} write calls fail with {@code fault}; later ones are served normally. */
    synchronized void failNextWrites(ProviderFault fault, int times) {
        this.fault = fault;
        this.faultsLeft = times;
    }

    synchronized int faultsServed() {
        return faultsServed;
    }

    synchronized int writeCalls() {
        return writeCalls;
    }

    String baseUrl() {
        return server.baseUrl();
    }

    void stop() {
        server.stop();
    }

    static ResponseDefinitionBuilder json(int status, Object body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized ResponseDefinition serve(Request request) {
        Call call = toCall(request);
        if (!isWrite(call)) {
            return answer(call).build();
        }
        writeCalls++;
        if (fault == null || faultsLeft == 0) {
            return answer(call).build();
        }
        faultsLeft--;
        faultsServed++;
        return switch (fault) {
            case SERVER_ERROR -> json(500, Map.of("message", "Internal Server Error")).build();
            case RATE_LIMITED -> rateLimited().build();
            case TIMEOUT_AFTER_WRITE -> answer(call).withFixedDelay(TIMEOUT_DELAY_MILLIS).build();
            case CONNECTION_DROPPED_AFTER_WRITE -> {
                answer(call);
                yield aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            case MALFORMED_JSON_AFTER_WRITE -> {
                var done = answer(call).build();
                yield aResponse().withStatus(done.getStatus()).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 4815, \"sta").build();
            }
        };
    }

    private static Call toCall(Request request) {
        URI uri = URI.create(request.getUrl());
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        return new Call(request.getMethod().getName(), uri.getRawPath(), parse(uri.getRawQuery()), body, request);
    }

    static Map<String, String> parse(String urlEncoded) {
        var fields = new LinkedHashMap<String, String>();
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return fields;
        }
        for (String pair : urlEncoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    static ResponseDefinitionBuilder notFound() {
        return json(404, Map.of("class", "Client::NotFound", "message", "This resource does not exist"));
    }

    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return serve(serveEvent.getRequest());
        }

        @Override
        public String getName() {
            return "stateful-fake";
        }
    }
}
