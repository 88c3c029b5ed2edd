package fr.beta.guichet.notification.matrix;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;

/**
 * Sandbox mode's long poll: the homeserver holds a {@code /sync} with a {@code timeout} open until an event arrives
 * or the time is up; {@link MatrixFakeApi} answers at once, inside the sandbox store's lock. This transport, around
 * the sandbox's, asks the fake with {@code timeout=0} every {@link #STEP} until it answers events, another status,
 * or the timeout has passed — without holding the lock in between, so the app's own posts go on meanwhile.
 */
class MatrixLongPoll implements HttpTransport {

    static final Duration STEP = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport sandbox;

    MatrixLongPoll(HttpTransport sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String provider() {
        return sandbox.provider();
    }

    @Override
    public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
        var request = new ProviderRequest(method, url, headers, body);
        String timeout = request.query().get("timeout");
        if (!method.equals("GET") || !request.rawPath().endsWith("/sync") || timeout == null
                || !timeout.matches("\\d{1,9}") || Long.parseLong(timeout) == 0) {
            return sandbox.send(method, url, headers, body);
        }
        long deadline = System.nanoTime() + Duration.ofMillis(Long.parseLong(timeout)).toNanos();
        String immediate = url.replace("timeout=" + timeout, "timeout=0");
        while (true) {
            ProviderResponse response = sandbox.send(method, immediate, headers, body);
            long left = deadline - System.nanoTime();
            if (response.status() != 200 || hasEvents(response) || left <= 0) {
                return response;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(STEP.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    private static boolean hasEvents(ProviderResponse response) {
        try {
            for (JsonNode room : JSON.readTree(response.body()).path("rooms").path("join")) {
                if (!room.path("timeline").path("events").isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
