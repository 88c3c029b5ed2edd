package fr.beta.guichet.provider.ovh;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.NullNode;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Signed calls to the OVH API v1 over {@link HttpTransport}, answers parsed as Jackson trees.
 * <p>
 * Timestamps are the server's clock: the difference to {@code GET /auth/time} is fetched once and kept, as
 * python-ovh does. Bodies are compact JSON with every non-ASCII character escaped (as node-ovh does), so the signed
 * text and the bytes on the wire are the same whatever charset the transport uses.
 * <p>
 * Failures, from the OVH error body {@code {"message","class","errorCode"}}:
 * <ul>
 *   <li>400, 404 and 409 are business refusals: {@link ProviderRejectedException} with
 *   {@code "<status> <class>: <message>"}. A 404 on a read can instead be asked for as "absent" through
 *   {@link #find(String, Map)}.</li>
 *   <li>Except OVH's {@code 409 ActionInProgress} ("This pop is already being processed: …, please try later",
 *   seen on {@code /email/domain/…/changePassword}): another task on the same resource is running, so the same
 *   call will be answered once it ends. It is {@link ProviderUnavailableException}, so the job retries instead of
 *   handing a request that will succeed by itself to a human. {@code ActionInProgress} is the reason phrase of
 *   the observed answer; whether it also comes as {@code class} or {@code errorCode} is unverified, so the
 *   message is recognised too.</li>
 *   <li>Credential problems (401, 403, 460, and any status whose {@code errorCode} is a credential code such as
 *   {@code INVALID_SIGNATURE}), 429, 5xx, any other status, I/O errors and unreadable answers are technical:
 *   {@link ProviderUnavailableException}, so the job retries and then raises an incident.</li>
 * </ul>
 * Messages carry method, path (no query string), status and OVH's own text: never a credential. Camunda Connect
 * itself logs request headers, consumer key included, at DEBUG on {@code org.camunda.bpm.connect.httpclient.connector}:
 * that logger must stay at INFO or above in every environment.
 */
public class OvhApi {

    static final String PROVIDER = "ovh";

    /** What replaces a secret in messages and records. */
    static final String MASK = "[masqué]";

    /**
     * OVH error codes that mean "these credentials cannot make this call": an operator must act, retrying the
     * request as asked or handing it to a human executor would not help. Codes from python-ovh's 403 mapping,
     * plus {@code INVALID_SIGNATURE} (seen with status 400 in third-party fixtures, unverified live).
     */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("INVALID_SIGNATURE", "INVALID_CREDENTIAL",
            "NOT_CREDENTIAL", "INVALID_KEY", "NOT_GRANTED_CALL", "FORBIDDEN");

    private final HttpTransport transport;
    private final String endpoint;
    private final String applicationKey;
    private final String applicationSecret;
    private final String consumerKey;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final Clock clock;
    private volatile Long timeDelta;

    public OvhApi(OvhProperties properties, HttpTransport transport, ObjectMapper mapper, Clock clock) {
        this.transport = transport;
        this.endpoint = properties.endpoint().toString().replaceAll("/+$", "");
        this.applicationKey = properties.applicationKey();
        this.applicationSecret = properties.applicationSecret();
        this.consumerKey = properties.consumerKey();
        this.mapper = mapper;
        this.writer = mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
        this.clock = clock;
    }

    public OvhApi(OvhProperties properties, HttpTransport transport) {
        this(properties, transport, new ObjectMapper(), Clock.systemUTC());
    }

    /** Signed GET; a 404 is a {@link ProviderRejectedException}. */
    public JsonNode get(String path, Map<String, String> query) {
        ProviderResponse response = call("GET", path, query, null);
        if (!response.isSuccess()) {
            throw failure("GET", path, response);
        }
        return parse("GET", path, response);
    }

    /** Signed GET where a 404 means the resource does not exist. */
    public Optional<JsonNode> find(String path, Map<String, String> query) {
        ProviderResponse response = call("GET", path, query, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw failure("GET", path, response);
        }
        return Optional.of(parse("GET", path, response));
    }

    /**
     * Signed POST.
     *
     * @param body serialized with Jackson, or {@code null} to send no body
     * @return the parsed answer, {@link NullNode} when OVH answers {@code null} or nothing
     */
    public JsonNode post(String path, Object body) {
        ProviderResponse response = call("POST", path, Map.of(), body);
        if (!response.isSuccess()) {
            throw failure("POST", path, response);
        }
        return parse("POST", path, response);
    }

    /**
     * Signed DELETE where a 404 means the resource is already gone.
     *
     * @return the parsed answer (OVH's task for email resources), empty when there was nothing to delete
     */
    public Optional<JsonNode> delete(String path) {
        ProviderResponse response = call("DELETE", path, Map.of(), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw failure("DELETE", path, response);
        }
        return Optional.of(parse("DELETE", path, response));
    }

    /**
     * Signed POST of a body that carries a secret (a mailbox password): every exception thrown has each
     * occurrence of {@code secret} replaced by {@value #MASK}, including OVH's own message when it echoes the
     * value, and a transport failure that mentions it loses its cause (whose messages cannot be rewritten).
     */
    public JsonNode postWithSecret(String path, Object body, String secret) {
        if (secret == null || secret.isEmpty()) {
            return post(path, body);
        }
        ProviderResponse response;
        try {
            response = call("POST", path, Map.of(), body);
        } catch (ProviderUnavailableException e) {
            throw mentions(e, secret)
                    ? unavailable("POST", path, "transport failure (details withheld: they contained the secret)")
                    : e;
        }
        if (!response.isSuccess()) {
            throw failure("POST", path, response, secret);
        }
        return parse("POST", path, response);
    }

    private static boolean mentions(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private ProviderResponse call(String method, String path, Map<String, String> query, Object body) {
        String url = endpoint + path + queryString(query);
        String json = body == null ? null : serialize(body);
        long timestamp = clock.instant().getEpochSecond() + timeDelta();
        var headers = new LinkedHashMap<String, String>();
        headers.put("X-Ovh-Application", applicationKey);
        headers.put("X-Ovh-Consumer", consumerKey);
        headers.put("X-Ovh-Timestamp", Long.toString(timestamp));
        headers.put("X-Ovh-Signature",
                OvhSignature.sign(applicationSecret, consumerKey, method, url, json, timestamp));
        headers.put("Content-Type", "application/json");
        return transport.send(method, url, headers, json);
    }

    /** Server time minus local time, in seconds, fetched on first use (unauthenticated call). */
    private long timeDelta() {
        Long delta = timeDelta;
        if (delta == null) {
            synchronized (this) {
                if (timeDelta == null) {
                    timeDelta = fetchServerTime() - clock.instant().getEpochSecond();
                }
                delta = timeDelta;
            }
        }
        return delta;
    }

    private long fetchServerTime() {
        ProviderResponse response = transport.send("GET", endpoint + "/auth/time", Map.of(), null);
        if (!response.isSuccess()) {
            throw unavailable("GET", "/auth/time", response.status() + " " + describe(response));
        }
        try {
            return Long.parseLong(response.body().trim());
        } catch (NumberFormatException e) {
            throw unavailable("GET", "/auth/time", "unreadable server time");
        }
    }

    private String serialize(Object body) {
        try {
            return writer.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize OVH request body " + body.getClass().getName(), e);
        }
    }

    private JsonNode parse(String method, String path, ProviderResponse response) {
        if (response.body().isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw unavailable(method, path, response.status() + " answer is not JSON");
        }
    }

    private RuntimeException failure(String method, String path, ProviderResponse response) {
        return failure(method, path, response, null);
    }

    /** @param secret text to mask in the description, or {@code null} */
    private RuntimeException failure(String method, String path, ProviderResponse response, String secret) {
        JsonNode error = errorBody(response);
        String description = response.status() + " " + describe(error);
        if (secret != null && !secret.isEmpty()) {
            description = description.replace(secret, MASK);
        }
        boolean credentialProblem = CREDENTIAL_ERRORS.contains(error.path("errorCode").asText());
        boolean refusal = response.status() == 400 || response.status() == 404 || response.status() == 409;
        if (refusal && !credentialProblem && !actionInProgress(response.status(), error)) {
            return new ProviderRejectedException(PROVIDER, description);
        }
        String queryId = response.header("X-Ovh-QueryID");
        return unavailable(method, path, description + (queryId == null ? "" : " (query id " + queryId + ")"));
    }

    /** OVH's "another task is running on this resource, please try later" conflict (see the class comment). */
    static boolean actionInProgress(int status, JsonNode error) {
        if (status != 409) {
            return false;
        }
        String code = error.path("class").asText("") + " " + error.path("errorCode").asText("");
        String message = error.path("message").asText("");
        return code.contains("ActionInProgress") || message.contains("already being processed");
    }

    private JsonNode errorBody(ProviderResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return NullNode.getInstance();
        }
    }

    private String describe(ProviderResponse response) {
        return describe(errorBody(response));
    }

    /** {@code "<class>: <message>"}, falling back to {@code errorCode} when OVH sends no class. */
    private static String describe(JsonNode error) {
        String errorClass = error.hasNonNull("class") ? error.get("class").asText()
                : error.hasNonNull("errorCode") ? error.get("errorCode").asText() : "OVH error";
        String message = error.hasNonNull("message") ? error.get("message").asText() : "no message";
        return errorClass + ": " + message;
    }

    private static ProviderUnavailableException unavailable(String method, String path, String detail) {
        return new ProviderUnavailableException(PROVIDER, method + " " + path + ": " + detail);
    }

    private static String queryString(Map<String, String> query) {
        if (query == null) {
            return "";
        }
        var joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(encode(name) + "=" + encode(value));
            }
        });
        return joiner.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
