package fr.beta.guichet.signin;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import fr.beta.guichet.account.ChatIdentities;

/**
 * A person's Tchap (Matrix) id found from their verified email through the Matrix identity service API v2: the
 * server's pepper and algorithms ({@code GET /_matrix/identity/v2/hash_details}), then
 * {@code POST /_matrix/identity/v2/lookup} with {@code base64url(sha256("<email> email <pepper>"))}. Done after
 * sign-in, off the login request (a slow or broken identity server never delays nor breaks it), only when the person
 * has no Tchap id yet (what they typed on « Mon compte » wins), and never when no identity server is configured.
 */
@Component
class MatrixIdentityLookup {

    private static final Logger log = LoggerFactory.getLogger(MatrixIdentityLookup.class);

    private final SignInProperties.MatrixIdentity settings;
    private final ChatIdentities identities;
    private final RestClient http;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "matrix-identity-lookup");
        thread.setDaemon(true);
        return thread;
    });

    MatrixIdentityLookup(SignInProperties properties, ChatIdentities identities) {
        this.settings = properties.matrixIdentity();
        this.identities = identities;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** Looks the person up in the background if they have no Tchap id; the future tells tests when it is done. */
    Future<?> lookUpLater(String userId, String email) {
        if (!settings.configured() || identities.of(userId).matrixUserId() != null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return executor.submit(() -> {
            try {
                lookUp(email).ifPresent(matrixId -> {
                    var current = identities.of(userId);
                    if (current.matrixUserId() == null && ChatIdentities.checkMatrixUserId(matrixId).isEmpty()) {
                        identities.set(userId, new ChatIdentities.Identity(matrixId, current.mattermostUsername()));
                        log.info("Tchap id of {} found on the identity server", userId);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Matrix identity lookup for {} failed: {}", userId, e.getClass().getSimpleName());
            }
        });
    }

    /** The Matrix id bound to this email on the identity server, if any. */
    Optional<String> lookUp(String email) {
        String base = settings.baseUrl().replaceAll("/+$", "");
        JsonNode details = http.get().uri(base + "/_matrix/identity/v2/hash_details").headers(this::authorize)
                .retrieve().body(JsonNode.class);
        boolean sha256 = false;
        for (JsonNode algorithm : details.path("algorithms")) {
            sha256 |= "sha256".equals(algorithm.asText());
        }
        String pepper = details.path("lookup_pepper").asText("");
        if (!sha256 || pepper.isEmpty()) {
            // "none" would send the email in clear: not done
            log.warn("Identity server offers no sha256 lookup: no Tchap id looked up");
            return Optional.empty();
        }
        String address = hash(email.strip().toLowerCase(java.util.Locale.ROOT), pepper);
        JsonNode answer = http.post().uri(base + "/_matrix/identity/v2/lookup").headers(this::authorize)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("addresses", List.of(address), "algorithm", "sha256", "pepper", pepper))
                .retrieve().body(JsonNode.class);
        JsonNode found = answer == null ? null : answer.path("mappings").get(address);
        return found == null || !found.isTextual() ? Optional.empty() : Optional.of(found.asText());
    }

    private void authorize(HttpHeaders headers) {
        if (settings.accessToken() != null && !settings.accessToken().isBlank()) {
            headers.setBearerAuth(settings.accessToken());
        }
    }

    /** {@code base64url_unpadded(sha256("<address> email <pepper>"))}, the spec's hashed 3PID. */
    static String hash(String email, String pepper) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((email + " email " + pepper).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
