package fr.beta.guichet.provider;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers of {@link FakeApi}s. */
public final class FakeResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeResponses() {
    }

    /** A JSON answer; {@code body} is serialized with Jackson ({@code JsonNode}, map, list, record, string…). */
    public static ProviderResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static ProviderResponse json(int status, Object body, Map<String, String> headers) {
        try {
            var all = new java.util.HashMap<>(headers);
            all.put("Content-Type", "application/json");
            return new ProviderResponse(status, JSON.writeValueAsString(body), all);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fake answer is not serializable", e);
        }
    }

    /** An answer without a body. */
    public static ProviderResponse empty(int status) {
        return new ProviderResponse(status, "", Map.of());
    }
}
