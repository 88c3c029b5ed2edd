package fr.beta.guichet.provider;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a {@link FakeApi} reads it: what the client put on the wire, parsed.
 *
 * @param method  upper-case HTTP method
 * @param url     absolute URL, query string included, as the client sent it
 * @param headers request headers, looked up case-insensitively through {@link #header(String)}
 * @param body    the exact body, empty when there was none
 */
public record ProviderRequest(String method, String url, Map<String, String> headers, String body) {

    public ProviderRequest {
        method = method.toUpperCase(Locale.ROOT);
        var normalized = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            normalized.putAll(headers);
        }
        headers = Collections.unmodifiableMap(normalized);
        body = body == null ? "" : body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The raw (still percent-encoded) path. */
    public String rawPath() {
        return URI.create(url).getRawPath();
    }

    /** The path's segments, each percent-decoded ({@code /a/b%2Fc} gives {@code a}, {@code b/c}). */
    public List<String> segments() {
        var segments = new ArrayList<String>();
        for (String raw : rawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The query parameters, decoded; a repeated name keeps its last value. */
    public Map<String, String> query() {
        return decodeForm(URI.create(url).getRawQuery());
    }

    /** The fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() {
        return decodeForm(body);
    }

    public static Map<String, String> decodeForm(String encoded) {
        var fields = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
