package fr.beta.guichet.provider;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON bodies of the providers' HTTP APIs, read and written the same way by every client: a body we cannot write
 * is our bug, an answer that is empty or not JSON is the provider misbehaving (a technical failure, retried).
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A request body as JSON; failing means the client built something Jackson cannot write. */
    public static String write(ObjectMapper mapper, String provider, Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + provider + " request body "
                    + body.getClass().getName(), e);
        }
    }

    /**
     * An answer's JSON document.
     *
     * @param unavailable the client's technical failure for this call, given what was wrong with the answer
     */
    public static JsonNode read(ObjectMapper mapper, ProviderResponse response,
            Function<String, ProviderUnavailableException> unavailable) {
        try {
            JsonNode node = mapper.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw unavailable.apply(response.status() + " answer is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unavailable.apply(response.status() + " answer is not JSON");
        }
    }
}
