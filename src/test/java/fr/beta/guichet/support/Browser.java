package fr.beta.guichet.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser over real HTTP: a cookie jar (one session per person), form posts carrying the CSRF token of
 * the last page read, redirects left visible to the test.
 */
public class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrf;

    public Browser(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private Browser(int port, HttpClient http) {
        this.baseUrl = "http://localhost:" + port;
        this.http = http;
    }

    /**
     * The same person, same cookies, on another node (another port of localhost): what a load balancer does when
     * it routes them elsewhere. The CSRF token is read again from the next page, as a browser would.
     */
    public Browser on(int otherPort) {
        return new Browser(otherPort, http);
    }

    public Browser login(String user, String password) {
        get("/login");
        var response = post("/login", Map.of("username", user, "password", password));
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login of " + user + " failed: " + response.statusCode());
        }
        return this;
    }

    /** A JSON API call in the session, as the Camunda webapps make them. */
    public HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json").GET().build());
    }

    public HttpResponse<String> get(String path) {
        var response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").GET().build());
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    public String page(String path) {
        var response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return post(path, fields, true);
    }

    /** A form post in the session but without the CSRF token, as a cross-site form would send it. */
    public HttpResponse<String> postWithoutCsrfToken(String path, Map<String, String> fields) {
        return post(path, fields, false);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, boolean withToken) {
        var all = new java.util.HashMap<>(fields);
        if (withToken && csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
