package fr.beta.guichet.provider;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP answer from a provider, read completely (the connection is already released).
 *
 * @param status  HTTP status code
 * @param body    response body as text, empty when there was none
 * @param headers response headers, looked up case-insensitively through {@link #header(String)}
 */
public record ProviderResponse(int status, String body, Map<String, String> headers) {

    public ProviderResponse {
        body = body == null ? "" : body;
        var normalized = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> normalized.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = Map.copyOf(normalized);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

}
