package fr.beta.guichet.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Tchap id looked up on a fake Matrix identity server that checks what the spec requires: the pepper from
 * {@code hash_details}, the {@code sha256} algorithm, and {@code base64url(sha256("<email> email <pepper>"))} as the
 * address; it knows one person.
 */
class MatrixIdentityLookupTests {

    static final String PEPPER = "matrixrocks";
    static final String TOKEN = "identity-server-token";
    HttpServer server;
    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_matrix/identity/v2/hash_details", exchange -> {
            calls.add("hash_details " + exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "{\"algorithms\":[\"none\",\"sha256\"],\"lookup_pepper\":\"" + PEPPER + "\"}");
        });
        server.createContext("/_matrix/identity/v2/lookup", exchange -> {
            calls.add("lookup " + exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            if (!PEPPER.equals(body.path("pepper").asText()) || !"sha256".equals(body.path("algorithm").asText())) {
                answer(exchange, 400, "{\"errcode\":\"M_INVALID_PEPPER\",\"error\":\"Unknown or invalid pepper\"}");
                return;
            }
            String known = expectedHash("florian.delezenne@beta.gouv.fr");
            String address = body.path("addresses").path(0).asText();
            answer(exchange, 200, address.equals(known)
                    ? "{\"mappings\":{\"" + known + "\":\"@florian.delezenne-beta.gouv.fr:agent.dinum.tchap.gouv.fr\"}}"
                    : "{\"mappings\":{}}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void findsTheTchapIdOfAKnownEmailWithThePepperedSha256() {
        var lookup = lookup("http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(lookup.lookUp("Florian.Delezenne@beta.gouv.fr"))
                .contains("@florian.delezenne-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
        assertThat(calls).containsExactly("hash_details Bearer " + TOKEN, "lookup Bearer " + TOKEN);
    }

    @Test
    void findsNothingForAnUnknownEmail() {
        assertThat(lookup("http://127.0.0.1:" + server.getAddress().getPort()).lookUp("personne@beta.gouv.fr")).isEmpty();
    }

    @Test
    void theHashIsTheSpecsOne() throws Exception {
        // the Matrix spec's own example: "alice@example.com email matrixrocks"
        assertThat(MatrixIdentityLookup.hash("alice@example.com", "matrixrocks"))
                .isEqualTo("4kenr7N9drpCJ4AfalmlGQVsOn3o2RHjkADUpXJWZUc");
        assertThat(MatrixIdentityLookup.hash("x@y.fr", PEPPER)).isEqualTo(expectedHash("x@y.fr"));
    }

    @Test
    void noLookupWhenNoIdentityServerIsConfigured() throws Exception {
        var lookup = lookup("");
        assertThat(lookup.lookUpLater("someone", "someone@beta.gouv.fr").get()).isNull();
        assertThat(calls).isEmpty();
    }

    private MatrixIdentityLookup lookup(String baseUrl) {
        var properties = new SignInProperties(null, null, null, null, null, null, false, null, true, null, null, null,
                null, new SignInProperties.MatrixIdentity(baseUrl, TOKEN), null);
        return new MatrixIdentityLookup(properties, null);
    }

    private static String expectedHash(String email) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest((email + " email " + PEPPER).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
