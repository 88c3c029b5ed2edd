package fr.beta.guichet.provider.matomo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * {@link MatomoClient} on the Matomo HTTP API, over {@link HttpTransport}: the live Matomo in live mode,
 * {@link MatomoFakeApi} in sandbox mode.
 * <p>
 * Every call is {@code POST {baseUrl}/index.php} with a form-encoded body
 * {@code module=API&method=…&format=JSON}, the method's parameters, and {@code token_auth}. The token is only ever in
 * the body: Matomo 5 "secure only" tokens are refused in a query string, and URLs end up in access logs and incident
 * messages.
 * <p>
 * Failures:
 * <ul>
 *   <li>HTTP 200 with {@code {"result":"error","message":…}} is Matomo refusing the request as asked:
 *   {@link ProviderRejectedException} with Matomo's message. The read methods turn the "does not exist" message
 *   ({@code User '%s' doesn't exist.} / {@code L'utilisateur '%s' est inexistant.}) into an empty answer.</li>
 *   <li>HTTP 401 (a bad or missing token is treated as anonymous, and a token without superuser rights gets a
 *   {@code NoAccessException}), any other non-2xx status, I/O errors, a read timeout and an answer that is not the
 *   expected JSON are technical: {@link ProviderUnavailableException}, so the job retries and then raises an
 *   incident for an operator.</li>
 * </ul>
 * Messages carry the API method, the status and Matomo's own text with the token scrubbed: never the token, never a
 * raw HTML page. Camunda Connect logs requests at DEBUG on {@code org.camunda.bpm.connect.httpclient.connector}: that
 * logger must stay at INFO or above, as for the other providers.
 */
public class MatomoHttpClient implements MatomoClient {

    static final String PROVIDER = "matomo";

    /** Invitation links stay valid a week, Matomo's own default ({@code default_invite_user_token_expiry_days}). */
    static final int INVITE_EXPIRY_DAYS = 7;

    private static final String SCRUBBED = "[token]";

    private final HttpTransport transport;
    private final String url;
    private final String token;
    private final ObjectMapper mapper;

    public MatomoHttpClient(MatomoProperties properties, HttpTransport transport, ObjectMapper mapper) {
        properties.requireLiveCredentials();
        this.transport = transport;
        this.url = properties.baseUrl().toString().replaceAll("/+$", "") + "/index.php";
        this.token = properties.token();
        this.mapper = mapper;
    }

    public MatomoHttpClient(MatomoProperties properties, HttpTransport transport) {
        this(properties, transport, new ObjectMapper());
    }

    @Override
    public boolean userExists(String login) {
        String method = "UsersManager.userExists";
        JsonNode answer = call(method, Map.of("userLogin", login));
        JsonNode value = answer.isObject() ? answer.path("value") : answer;
        if (!value.isBoolean()) {
            throw unreadable(method, "no boolean value");
        }
        return value.booleanValue();
    }

    @Override
    public Optional<String> loginForEmail(String email) {
        String method = "UsersManager.getUserByEmail";
        return find(method, Map.of("userEmail", email)).map(user -> {
            if (!user.path("login").isTextual()) {
                throw unreadable(method, "no login in the user");
            }
            return user.get("login").asText();
        });
    }

    @Override
    public void inviteUser(String login, String email, int initialSiteId) {
        var params = new LinkedHashMap<String, String>();
        params.put("userLogin", login);
        params.put("email", email);
        params.put("initialIdSite", Integer.toString(initialSiteId));
        params.put("expiryInDays", Integer.toString(INVITE_EXPIRY_DAYS));
        call("UsersManager.inviteUser", params);
    }

    @Override
    public Optional<Integer> siteIdForUrl(String siteUrl) {
        String method = "SitesManager.getSitesIdFromSiteUrl";
        JsonNode sites = call(method, Map.of("url", siteUrl));
        if (!sites.isArray()) {
            throw unreadable(method, "not a list of sites");
        }
        Integer lowest = null;
        for (JsonNode site : sites) {
            int id = intOf(method, site.path("idsite"));
            lowest = lowest == null ? id : Math.min(lowest, id);
        }
        return Optional.ofNullable(lowest);
    }

    @Override
    public int addSite(String siteName, String siteUrl) {
        String method = "SitesManager.addSite";
        var params = new LinkedHashMap<String, String>();
        params.put("siteName", siteName);
        params.put("urls[0]", siteUrl);
        JsonNode answer = call(method, params);
        return intOf(method, answer.isObject() ? answer.path("value") : answer);
    }

    @Override
    public Optional<MatomoAccess> accessOf(String login, int siteId) {
        String method = "UsersManager.getSitesAccessFromUser";
        Optional<JsonNode> accesses = find(method, Map.of("userLogin", login));
        if (accesses.isEmpty()) {
            return Optional.empty();
        }
        if (!accesses.get().isArray()) {
            throw unreadable(method, "not a list of accesses");
        }
        // Capabilities (tagmanager_write…) come as extra rows for the same site; only the role counts here.
        MatomoAccess role = null;
        for (JsonNode access : accesses.get()) {
            if (intOf(method, access.path("site")) == siteId) {
                role = MatomoAccess.fromApiValue(access.path("access").asText()).orElse(role);
            }
        }
        return Optional.ofNullable(role);
    }

    @Override
    public void setAccess(String login, MatomoAccess access, int siteId) {
        var params = new LinkedHashMap<String, String>();
        params.put("userLogin", login);
        params.put("access", access.apiValue());
        params.put("idSites", Integer.toString(siteId));
        call("UsersManager.setUserAccess", params);
    }

    @Override
    public void removeAccess(String login, int siteId) {
        var params = new LinkedHashMap<String, String>();
        params.put("userLogin", login);
        params.put("access", "noaccess");
        params.put("idSites", Integer.toString(siteId));
        // Matomo removes nothing without complaint; a login it does not know has no access either
        find("UsersManager.setUserAccess", params);
    }

    @Override
    public void deleteUser(String login) {
        // "User '%s' doesn't exist.": already deleted
        find("UsersManager.deleteUser", Map.of("userLogin", login));
    }

    /** The answer of a successful call; a Matomo error is a {@link ProviderRejectedException}. */
    private JsonNode call(String method, Map<String, String> params) {
        JsonNode answer = send(method, params);
        if (isError(answer)) {
            throw rejected(method, errorMessage(answer));
        }
        return answer;
    }

    /** Like {@link #call}, but the "does not exist" error of a read means "absent". */
    private Optional<JsonNode> find(String method, Map<String, String> params) {
        JsonNode answer = send(method, params);
        if (isError(answer)) {
            String message = errorMessage(answer);
            if (isNotFound(message)) {
                return Optional.empty();
            }
            throw rejected(method, message);
        }
        return Optional.of(answer);
    }

    private JsonNode send(String method, Map<String, String> params) {
        var body = new StringJoiner("&");
        body.add("module=API").add("method=" + encode(method)).add("format=JSON");
        params.forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
        body.add("token_auth=" + encode(token));
        ProviderResponse response = transport.send("POST", url,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                body.toString());
        if (!response.isSuccess()) {
            throw unavailable(method, response.status() + " " + statusMessage(response));
        }
        try {
            JsonNode answer = mapper.readTree(response.body());
            if (answer == null || answer.isMissingNode()) {
                throw unreadable(method, "empty answer");
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw unreadable(method, "answer is not JSON");
        }
    }

    private static boolean isError(JsonNode answer) {
        return answer.isObject() && "error".equals(answer.path("result").asText());
    }

    /**
     * Matomo's message, the token scrubbed in case it was echoed, and the few HTML entities Matomo may leave from
     * sanitized input decoded so that admins read plain text.
     */
    private String errorMessage(JsonNode error) {
        String message = error.path("message").asText("").trim();
        return message.isEmpty() ? "Matomo error without message" : scrub(unescapeHtml(message));
    }

    /**
     * A calling method missing from this Matomo (such as {@code inviteUser} before 4.13) is an operator's problem,
     * not the request's. Message text from Matomo's {@code Proxy} ("The method '%s' does not exist or is not
     * available in the module '%s'."), unverified on a live instance.
     */
    private RuntimeException rejected(String method, String message) {
        if (message.contains("is not available in the module")) {
            return unavailable(method, message);
        }
        return new ProviderRejectedException(PROVIDER, message);
    }

    /** Matomo's {@code message} when the error body is Matomo JSON; never the raw body, often an HTML page. */
    private String statusMessage(ProviderResponse response) {
        try {
            JsonNode body = mapper.readTree(response.body());
            if (body != null && body.path("message").isTextual()) {
                return scrub(unescapeHtml(body.get("message").asText()));
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through
        }
        return "(no Matomo message)";
    }

    private static boolean isNotFound(String message) {
        return message.contains("doesn't exist") || message.contains("est inexistant");
    }

    private String scrub(String text) {
        if (token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, SCRUBBED).replace(encode(token), SCRUBBED);
    }

    private static String unescapeHtml(String text) {
        return text.replace("&#039;", "'").replace("&#39;", "'").replace("&quot;", "\"")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static int intOf(String method, JsonNode node) {
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw unreadable(method, "site id " + (node.isMissingNode() ? "missing" : "is not a number"));
    }

    private static ProviderUnavailableException unreadable(String method, String what) {
        return unavailable(method, "unreadable answer: " + what);
    }

    private static ProviderUnavailableException unavailable(String method, String detail) {
        return new ProviderUnavailableException(PROVIDER, method + ": " + detail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
