package fr.beta.guichet.signin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser over real HTTP between the app ({@code localhost}) and the provider ({@code 127.0.0.1}): one
 * cookie jar, redirects followed one by one so that tests can stop at any of them (the provider's callback to the
 * app, say) and the provider's login form filled in.
 */
final class OidcClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    final String app;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** The app's callback URL the provider redirected to last ({@code ?code=…&state=…}). */
    String callback;

    OidcClient(int appPort) {
        this.app = "http://localhost:" + appPort;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : app + url))
                .header("Accept", "text/html").GET().build());
    }

    /** A JSON call in the session, as the Camunda webapps make them. */
    HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create(app + path)).header("Accept", "application/json").GET().build());
    }

    HttpResponse<String> post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : app + url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * From the login button to wherever the app lands: logs in at the provider as {@code username} when asked,
     * stops before the app's callback when {@code stopAtCallback}. Returns the last response.
     */
    HttpResponse<String> signIn(String username, boolean stopAtCallback) {
        HttpResponse<String> response = get("/connexion/oidc");
        String url = app + "/connexion/oidc";
        for (int hops = 0; hops < 20; hops++) {
            if (response.statusCode() == 200 && response.uri().getPath().equals("/login")
                    && !response.uri().getHost().equals("localhost")) {
                response = post(origin(response.uri()) + "/login", Map.of("username", username,
                        "password", FakeOpenIdProvider.PASSWORD, "_csrf", csrf(response.body())));
            }
            if (response.statusCode() != 302) {
                return response;
            }
            url = response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
            if (url.startsWith(app + "/login/oauth2/code/")) {
                callback = url;
                if (stopAtCallback) {
                    return response;
                }
            }
            response = get(url);
        }
        throw new AssertionError("too many redirects, last " + url);
    }

    /** Follows redirects from this response, provider and app alike. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 20 && response.statusCode() == 302; hops++) {
            response = get(response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString());
        }
        return response;
    }

    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in " + page);
        }
        return matcher.group(1);
    }

    static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
