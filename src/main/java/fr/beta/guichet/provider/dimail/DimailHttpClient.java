package fr.beta.guichet.provider.dimail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * {@link DimailClient} over Dimail's HTTP API, through {@link HttpTransport}: Camunda Connect in live mode, the fake
 * ({@code provider.dimail.fake.DimailFakeApi}) in sandbox mode.
 * <p>
 * <b>Token.</b> The service account's credentials are exchanged at {@code GET /token/} (HTTP Basic) for a JWT
 * ({@code {"access_token","token_type":"bearer"}}), sent as {@code Authorization: Bearer} on every other call. The
 * token is kept in memory only, renewed shortly before the {@code exp} its payload states (5 minutes after it was
 * obtained when it states none), and renewed once when a call is answered 401: that call was refused, not run, so
 * sending it again never writes twice. The token and the password never appear in a message or a log line.
 * <p>
 * Field names follow Dimail's public code and its clients (espace-membre, suitenumerique/people); the alias list's
 * entries are read leniently ({@code username} or {@code user_name}).
 */
public class DimailHttpClient implements DimailClient {

    private static final int MAX_DETAIL_LENGTH = 300;
    /** Renew this long before the token's stated expiry. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** Assumed lifetime of a token whose payload states no {@code exp}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final HttpTransport transport;
    private final String baseUrl;
    private final String user;
    private final String password;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object tokenLock = new Object();
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    /** @param properties the effective settings ({@link DimailProperties#effective()}) */
    public DimailHttpClient(DimailProperties properties, HttpTransport transport, Clock clock) {
        properties.requireLiveCredentials();
        this.transport = transport;
        this.baseUrl = properties.url().toString().replaceAll("/+$", "");
        this.user = properties.user();
        this.password = properties.password();
        this.clock = clock;
    }

    @Override
    public List<DimailAddress> addresses(String domain) {
        String path = "/v2/domains/" + segment(domain) + "/mailboxes";
        ProviderResponse response = send("GET", path, null);
        if (!response.isSuccess()) {
            throw readFailure("GET", path, response);
        }
        JsonNode list = parse("GET", path, response);
        if (!list.isArray()) {
            throw unavailable("GET", path, response.status() + " answer is not a list");
        }
        var addresses = new ArrayList<DimailAddress>();
        for (JsonNode entry : list) {
            String email = entry.path("email").asText("");
            if (email.isEmpty()) {
                throw unavailable("GET", path, response.status() + " entry without email");
            }
            addresses.add(new DimailAddress(entry.path("type").asText("mailbox"), email,
                    entry.path("imap_active").asText("unknown"), entry.path("smtp_active").asText("unknown")));
        }
        return addresses;
    }

    @Override
    public Optional<CreatedMailbox> createMailbox(String domain, String userName, String givenName, String surName,
            String displayName) {
        String path = "/domains/" + segment(domain) + "/mailboxes/" + segment(userName);
        var body = new LinkedHashMap<String, Object>();
        body.put("givenName", givenName);
        body.put("surName", surName);
        body.put("displayName", displayName);
        ProviderResponse response = send("POST", path, body);
        if (response.status() == 409) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw writeFailure("POST", path, response);
        }
        JsonNode created = parse("POST", path, response);
        String email = created.path("email").asText("");
        String generated = created.path("password").asText("");
        if (email.isEmpty() || generated.isEmpty()) {
            // the mailbox may exist now: the retry finds it and hands the request to a person
            throw unavailable("POST", path, response.status() + " answer without email or password");
        }
        return Optional.of(new CreatedMailbox(email, generated));
    }

    @Override
    public List<DimailAlias> aliases(String domain) {
        String path = "/domains/" + segment(domain) + "/aliases";
        ProviderResponse response = send("GET", path, null);
        if (!response.isSuccess()) {
            throw readFailure("GET", path, response);
        }
        JsonNode list = parse("GET", path, response);
        if (!list.isArray()) {
            throw unavailable("GET", path, response.status() + " answer is not a list");
        }
        var aliases = new ArrayList<DimailAlias>();
        for (JsonNode entry : list) {
            String name = entry.hasNonNull("username") ? entry.path("username").asText() : entry.path("user_name").asText("");
            aliases.add(new DimailAlias(name, entry.path("domain").asText(domain), entry.path("destination").asText(""),
                    entry.path("allow_to_send").asBoolean(false)));
        }
        return aliases;
    }

    @Override
    public boolean createAlias(String domain, String userName, String destination, boolean allowToSend) {
        String path = "/domains/" + segment(domain) + "/aliases";
        var body = new LinkedHashMap<String, Object>();
        body.put("user_name", userName);
        body.put("destination", destination);
        body.put("allow_to_send", allowToSend);
        ProviderResponse response = send("POST", path, body);
        if (response.status() == 409) {
            return false;
        }
        if (!response.isSuccess()) {
            throw writeFailure("POST", path, response);
        }
        return true;
    }

    @Override
    public void setImapActive(String domain, String userName, boolean active) {
        String path = "/v2/domains/" + segment(domain) + "/mailboxes/" + segment(userName);
        ProviderResponse response = send("PATCH", path, Map.of("imap_active", active ? "yes" : "no"));
        if (!response.isSuccess()) {
            throw writeFailure("PATCH", path, response);
        }
    }

    @Override
    public void deleteMailbox(String domain, String userName) {
        String path = "/domains/" + segment(domain) + "/mailboxes/" + segment(userName);
        ProviderResponse response = send("DELETE", path, null);
        if (!response.isSuccess() && response.status() != 404) {
            throw writeFailure("DELETE", path, response);
        }
    }

    @Override
    public void deleteAlias(String domain, String userName, String destination) {
        String path = "/domains/" + segment(domain) + "/aliases/" + segment(userName) + "/" + segment(destination);
        ProviderResponse response = send("DELETE", path, null);
        if (!response.isSuccess() && response.status() != 404) {
            throw writeFailure("DELETE", path, response);
        }
    }

    // ---- token ----

    private String bearer() {
        Token current = token;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (tokenLock) {
            current = token;
            if (current == null || !clock.instant().isBefore(current.renewAt())) {
                current = obtainToken();
                token = current;
            }
            return current.value();
        }
    }

    private void forget(String value) {
        synchronized (tokenLock) {
            if (token != null && token.value().equals(value)) {
                token = null;
            }
        }
    }

    private Token obtainToken() {
        String path = "/token/";
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        ProviderResponse response = transport.send("GET", baseUrl + path, headers, null);
        if (response.status() == 401 || response.status() == 403) {
            throw unavailable("GET", path, response.status()
                    + " credentials refused, check guichet.dimail.user (DIMAIL_USER) and guichet.dimail.password (DIMAIL_PASSWORD)");
        }
        if (!response.isSuccess()) {
            throw unavailable("GET", path, response);
        }
        String value = parse("GET", path, response).path("access_token").asText("");
        if (value.isEmpty()) {
            throw unavailable("GET", path, response.status() + " answer without access_token");
        }
        Instant now = clock.instant();
        Instant expiry = expiryOf(value).orElse(now.plus(DEFAULT_LIFETIME));
        Instant renewAt = expiry.minus(RENEW_BEFORE);
        return new Token(value, renewAt.isAfter(now) ? renewAt : expiry);
    }

    /** The {@code exp} claim of a JWT's payload (not verified: Dimail verifies its own tokens). */
    private Optional<Instant> expiryOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload != null && payload.path("exp").isNumber()
                    ? Optional.of(Instant.ofEpochSecond(payload.path("exp").asLong()))
                    : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    // ---- HTTP ----

    /** Sends with the current token; a 401 renews it and sends once more (the refused call did nothing). */
    private ProviderResponse send(String method, String path, Object body) {
        String json = body == null ? null : serialize(body);
        String bearer = bearer();
        ProviderResponse response = sendWith(bearer, method, path, json);
        if (response.status() == 401) {
            forget(bearer);
            response = sendWith(bearer(), method, path, json);
            if (response.status() == 401) {
                throw unavailable(method, path, "401 token refused right after renewal");
            }
        }
        return response;
    }

    private ProviderResponse sendWith(String bearer, String method, String path, String json) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + bearer);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return transport.send(method, baseUrl + path, headers, json);
    }

    private String serialize(Object body) {
        return JsonBodies.write(mapper, "Dimail", body);
    }

    private JsonNode parse(String method, String path, ProviderResponse response) {
        return JsonBodies.read(mapper, response, detail -> unavailable(method, path, detail));
    }

    /** A failed read: an unknown domain (404) refuses the request as asked; anything else is technical. */
    private RuntimeException readFailure(String method, String path, ProviderResponse response) {
        if (response.status() == 404) {
            return new ProviderRejectedException(PROVIDER, method + " " + path + ": 404 " + describe(response));
        }
        return unavailable(method, path, response);
    }

    /** A failed write: 400, 404, 409 and 422 refuse the request as asked; anything else is technical. */
    private RuntimeException writeFailure(String method, String path, ProviderResponse response) {
        int status = response.status();
        if (status == 400 || status == 404 || status == 409 || status == 422) {
            return new ProviderRejectedException(PROVIDER, method + " " + path + ": " + status + " " + describe(response));
        }
        return unavailable(method, path, response);
    }

    private ProviderUnavailableException unavailable(String method, String path, ProviderResponse response) {
        int status = response.status();
        String detail = switch (status) {
            case 403 -> "403 " + describe(response) + " (the account lacks rights on this domain)";
            case 429 -> "429 rate limited" + (response.header("Retry-After") == null ? ""
                    : ", retry after " + cut(response.header("Retry-After")));
            default -> status + " " + describe(response);
        };
        return unavailable(method, path, detail);
    }

    private static ProviderUnavailableException unavailable(String method, String path, String detail) {
        return new ProviderUnavailableException(PROVIDER, method + " " + path + ": " + detail);
    }

    /** FastAPI's {@code detail}: a text, or a list of validation errors ({@code msg}). */
    private String describe(ProviderResponse response) {
        JsonNode error;
        try {
            error = mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            error = MissingNode.getInstance();
        }
        if (error == null || error.isMissingNode()) {
            return response.body().isBlank() ? "no message" : "answer is not JSON";
        }
        JsonNode detail = error.path("detail");
        if (detail.isTextual()) {
            return cut(detail.asText());
        }
        if (detail.isArray() && detail.size() > 0) {
            var parts = new ArrayList<String>();
            detail.forEach(d -> parts.add(d.path("msg").asText(d.toString())));
            return cut(String.join("; ", parts));
        }
        return "no message";
    }

    private String cut(String text) {
        String safe = text;
        Token current = token;
        if (current != null) {
            safe = safe.replace(current.value(), "(hidden)");
        }
        if (password != null && !password.isBlank()) {
            safe = safe.replace(password, "(hidden)");
        }
        return safe.length() <= MAX_DETAIL_LENGTH ? safe : safe.substring(0, MAX_DETAIL_LENGTH) + "…";
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
