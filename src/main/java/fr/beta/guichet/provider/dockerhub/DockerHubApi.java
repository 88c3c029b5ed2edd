package fr.beta.guichet.provider.dockerhub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.JsonBodies;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Authenticated calls to the Docker Hub API v2 over {@link HttpTransport}, for {@link DockerHubApiClient}.
 * <p>
 * The PAT or OAT is exchanged at {@code POST /v2/auth/token} for a bearer token valid 10 minutes. The token is
 * cached and fetched again one minute before it expires, and once more when a call answers 401 (the call is then
 * repeated once). Refused credentials are a {@link ProviderUnavailableException}: an operator must fix them.
 * <p>
 * Messages carry method, path (no query string), status and Docker Hub's own text, with the secret and the token
 * blanked out should Docker Hub ever echo them. Camunda Connect itself logs request headers, bearer token
 * included, at DEBUG on {@code org.camunda.bpm.connect.httpclient.connector}: that logger must stay at INFO or above.
 */
class DockerHubApi {

    static final String PROVIDER = "dockerhub";
    static final String TOKEN_PATH = "/v2/auth/token";
    /** Documented lifetime of a token from {@code /v2/auth/token}. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    /** A token is replaced this long before it expires, so that it never expires during a call. */
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(1);

    private static final int MAX_DETAIL_LENGTH = 300;
    private static final String HIDDEN = "(hidden)";

    private final HttpTransport transport;
    private final String baseUrl;
    private final String organization;
    private final String identifier;
    private final String secret;
    private final ObjectMapper mapper;
    private final Clock clock;
    private Token token;

    DockerHubApi(DockerHubProperties properties, HttpTransport transport, ObjectMapper mapper, Clock clock) {
        properties.requireLiveCredentials();
        this.transport = transport;
        this.baseUrl = properties.baseUrl().toString().replaceAll("/+$", "");
        this.organization = properties.organization();
        this.identifier = properties.identifier();
        this.secret = properties.secret();
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * An authenticated call; a 401 is retried once with a new token, in case the cached one was revoked.
     *
     * @param body serialized with Jackson, or {@code null} to send no body
     */
    ProviderResponse call(String method, String path, Map<String, String> query, Object body) {
        String json = body == null ? null : serialize(body);
        String bearer = token();
        ProviderResponse response = send(method, path + queryString(query), json, bearer);
        if (response.status() == 401) {
            discard(bearer);
            response = send(method, path + queryString(query), json, token());
        }
        return response;
    }

    private ProviderResponse send(String method, String pathAndQuery, String json, String bearer) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + bearer);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return transport.send(method, baseUrl + pathAndQuery, headers, json);
    }

    private synchronized String token() {
        if (token == null || !clock.instant().isBefore(token.refreshAt())) {
            token = fetchToken();
        }
        return token.value();
    }

    private synchronized void discard(String value) {
        if (token != null && token.value().equals(value)) {
            token = null;
        }
    }

    private Token fetchToken() {
        Instant requestedAt = clock.instant();
        var body = new LinkedHashMap<String, String>();
        body.put("identifier", identifier);
        body.put("secret", secret);
        ProviderResponse response = transport.send("POST", baseUrl + TOKEN_PATH,
                Map.of("Accept", "application/json", "Content-Type", "application/json"), serialize(body));
        if (response.status() == 401 || response.status() == 403) {
            throw unavailable("POST", TOKEN_PATH, response.status() + " credentials refused, check "
                    + "guichet.dockerhub.identifier and guichet.dockerhub.secret (" + describe(response) + ")");
        }
        if (!response.isSuccess()) {
            throw unavailable("POST", TOKEN_PATH, response);
        }
        String value = parse("POST", TOKEN_PATH, response).path("access_token").asText("");
        if (value.isBlank()) {
            throw unavailable("POST", TOKEN_PATH, response.status() + " answer has no access_token");
        }
        return new Token(value, requestedAt.plus(TOKEN_LIFETIME).minus(TOKEN_REFRESH_MARGIN));
    }

    private String serialize(Object body) {
        return JsonBodies.write(mapper, "Docker Hub", body);
    }

    JsonNode parse(String method, String path, ProviderResponse response) {
        return JsonBodies.read(mapper, response, detail -> unavailable(method, path, detail));
    }

    /** A failed write: 400, 404 and 409 are refusals of the request as asked, anything else is technical. */
    RuntimeException writeFailure(String method, String path, ProviderResponse response) {
        int status = response.status();
        if (status == 400 || status == 404 || status == 409) {
            return new ProviderRejectedException(PROVIDER, status + " " + describe(response));
        }
        return unavailable(method, path, response);
    }

    ProviderUnavailableException unavailable(String method, String path, ProviderResponse response) {
        if (response.status() == 429) {
            return unavailable(method, path, "429 rate limited" + retryAfter(response));
        }
        String hint = response.status() == 403 ? " (the token lacks a permission on organization " + organization
                + ")" : "";
        return unavailable(method, path, response.status() + " " + describe(response) + hint);
    }

    static ProviderUnavailableException unavailable(String method, String path, String detail) {
        return new ProviderUnavailableException(PROVIDER, method + " " + path + ": " + detail);
    }

    /** {@code X-Retry-After} is a unix timestamp (seconds). */
    private static String retryAfter(ProviderResponse response) {
        String header = response.header("X-Retry-After");
        if (header == null || header.isBlank()) {
            return ", no X-Retry-After";
        }
        try {
            long epochSecond = Long.parseLong(header.trim());
            return ", retry after " + epochSecond + " (" + Instant.ofEpochSecond(epochSecond) + ")";
        } catch (NumberFormatException e) {
            return ", unreadable X-Retry-After";
        }
    }

    /** Docker Hub's {@code message}, else its {@code detail}, from {@code {"errinfo","detail","message"}}. */
    String describe(ProviderResponse response) {
        JsonNode error = errorBody(response);
        for (String field : List.of("message", "detail")) {
            String text = error.path(field).asText("");
            if (!text.isBlank()) {
                return safe(text);
            }
        }
        return error.isMissingNode() && !response.body().isBlank() ? "answer is not JSON" : "no message";
    }

    /** Everything Docker Hub said about an error, for recognizing it; never put in a message as is. */
    String errorText(ProviderResponse response) {
        JsonNode error = errorBody(response);
        return error.isMissingNode() ? response.body()
                : error.path("message").asText("") + " " + error.path("detail").asText("") + " "
                        + (error.path("errinfo").isContainerNode() ? error.get("errinfo").toString() : "");
    }

    private JsonNode errorBody(ProviderResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null || !node.isObject() ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Provider text made safe for a message: bounded, and without the secret or token should they be echoed. */
    String safe(String text) {
        String safe = text;
        if (secret != null && !secret.isEmpty()) {
            safe = safe.replace(secret, HIDDEN);
        }
        Token current;
        synchronized (this) {
            current = token;
        }
        if (current != null) {
            safe = safe.replace(current.value(), HIDDEN);
        }
        return safe.length() > MAX_DETAIL_LENGTH ? safe.substring(0, MAX_DETAIL_LENGTH) + "…" : safe;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        var joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> joiner.add(segment(name) + "=" + segment(value)));
        return joiner.toString();
    }

    /** A bearer token and the time from which it is no longer used. */
    private record Token(String value, Instant refreshAt) {

        @Override
        public String toString() {
            return "Token[value=" + HIDDEN + ", refreshAt=" + refreshAt + "]";
        }
    }
}
