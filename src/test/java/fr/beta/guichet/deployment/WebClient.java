package fr.beta.guichet.deployment;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser against a node over plain HTTP on localhost: a cookie jar, the CSRF token of the last page
 * read sent with each form, redirects left visible. The {@code prod} profile marks the session cookie
 * {@code Secure}; like a real browser on {@code localhost} (a secure context), this jar still sends it back, and
 * records the attributes it was set with ({@link #setCookieHeaders()}).
 */
final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final Jar jar = new Jar();
    private final HttpClient http;
    private String csrf;

    WebClient(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    WebClient login(String user, String password) {
        page("/login");
        var response = post("/login", Map.of("username", user, "password", password));
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login of " + user + " failed: " + response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse(""));
        }
        return this;
    }

    HttpResponse<String> get(String path) {
        var response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").GET()
                .build());
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    String page(String path) {
        var response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json").GET()
                .build());
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        var all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A GET without any cookie or credentials, as a load balancer or a container health check sends it. */
    static HttpResponse<String> anonymous(int port, String path) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5))
                            .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API call with HTTP Basic credentials and no session, as a script calling {@code /engine-rest} does. */
    static HttpResponse<String> basic(int port, String method, String path, String user, String password,
            String json) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every {@code Set-Cookie} header received, as sent by the server. */
    List<String> setCookieHeaders() {
        return List.copyOf(jar.received);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Cookies by name for this one host, sent back whatever their {@code Secure} flag (localhost). */
    private static final class Jar extends CookieHandler {
        private final Map<String, String> cookies = new ConcurrentHashMap<>();
        private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    for (String header : values) {
                        received.add(header);
                        for (HttpCookie cookie : HttpCookie.parse(header)) {
                            if (cookie.getMaxAge() == 0) {
                                cookies.remove(cookie.getName());
                            } else {
                                cookies.put(cookie.getName(), cookie.getValue());
                            }
                        }
                    }
                }
            });
        }
    }
}
