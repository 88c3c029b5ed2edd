package fr.beta.guichet.provider.ovh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderMode;

/**
 * A local OVH API under {@code /1.0}: {@code GET /auth/time} answers a bare integer an hour ahead of the local
 * clock, and every other call whose signature or timestamp is wrong gets OVH's {@code 400 INVALID_SIGNATURE}
 * (shape from third-party fixtures, unverified live) before any stub a test adds is consulted.
 */
class OvhFake {

    static final String APPLICATION_KEY = "fakeApplicationKey";
    static final String APPLICATION_SECRET = "fakeApplicationSecret0123456789";
    static final String CONSUMER_KEY = "fakeConsumerKey0123456789abcdef";
    static final long CLOCK_OFFSET_SECONDS = 3600;
    static final String TIME_PATH = "/1.0/auth/time";

    final WireMockServer server;

    OvhFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new InvalidSignature()));
        server.start();
        server.stubFor(get(urlEqualTo(TIME_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Long.toString(serverNow()))));
        server.stubFor(any(anyUrl()).atPriority(1).andMatching(InvalidSignature.NAME)
                .willReturn(ovhError(400, null, "INVALID_SIGNATURE", "Invalid signature")));
    }

    void stop() {
        server.stop();
    }

    URI endpoint() {
        return URI.create(server.baseUrl() + "/1.0");
    }

    OvhApi api(String applicationSecret, Duration readTimeout) {
        var properties = new OvhProperties(ProviderMode.LIVE, endpoint(), APPLICATION_KEY, applicationSecret,
                CONSUMER_KEY, Duration.ofSeconds(2), readTimeout, null);
        var transport = new ConnectHttpTransport("ovh", properties.connectTimeout(), properties.readTimeout());
        return new OvhApi(properties, transport);
    }

    OvhDnsClient client(String applicationSecret, Duration readTimeout) {
        return new OvhDnsClient(api(applicationSecret, readTimeout));
    }

    OvhDnsClient client() {
        return client(APPLICATION_SECRET, Duration.ofSeconds(5));
    }

    OvhEmailClient emailClient() {
        return new OvhEmailClient(api(APPLICATION_SECRET, Duration.ofSeconds(5)));
    }

    /** Authenticated requests received, their bodies as text, oldest first. */
    List<String> authenticatedBodies() {
        return authenticatedRequests().stream()
                .map(request -> new String(request.getBody(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Authenticated requests received, oldest first. */
    List<Request> authenticatedRequests() {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(request -> !request.getUrl().equals(TIME_PATH))
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(Request.class::cast)
                .toList();
    }

    /** Authenticated requests the fake found badly signed, described for an assertion message. */
    List<String> badlySigned() {
        return authenticatedRequests().stream()
                .filter(InvalidSignature::isInvalid)
                .map(request -> request.getMethod() + " " + request.getUrl())
                .toList();
    }

    static ResponseDefinitionBuilder ovhError(int status, String errorClass, String errorCode, String message) {
        var body = new StringBuilder("{");
        if (errorClass != null) {
            body.append("\"class\":\"").append(errorClass).append("\",");
        }
        if (errorCode != null) {
            body.append("\"errorCode\":\"").append(errorCode).append("\",");
        }
        body.append("\"message\":\"").append(message).append("\"}");
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Ovh-QueryID", "EU.ext-3.fake")
                .withBody(body.toString());
    }

    static long serverNow() {
        return Instant.now().getEpochSecond() + CLOCK_OFFSET_SECONDS;
    }

    /** Matches authenticated calls that OVH would refuse: wrong keys, signature, or a timestamp off its clock. */
    static class InvalidSignature extends RequestMatcherExtension {

        static final String NAME = "ovh-invalid-signature";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public MatchResult match(Request request, Parameters parameters) {
            return MatchResult.of(!request.getUrl().equals(TIME_PATH) && isInvalid(request));
        }

        static boolean isInvalid(Request request) {
            String timestamp = request.getHeader("X-Ovh-Timestamp");
            if (timestamp == null || !APPLICATION_KEY.equals(request.getHeader("X-Ovh-Application"))
                    || !CONSUMER_KEY.equals(request.getHeader("X-Ovh-Consumer"))
                    || Math.abs(Long.parseLong(timestamp) - serverNow()) > 30) {
                return true;
            }
            String body = new String(request.getBody(), StandardCharsets.UTF_8);
            String expected = OvhSignature.sign(APPLICATION_SECRET, CONSUMER_KEY, request.getMethod().getName(),
                    request.getAbsoluteUrl(), body, Long.parseLong(timestamp));
            return !expected.equals(request.getHeader("X-Ovh-Signature"));
        }
    }
}
