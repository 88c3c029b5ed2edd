package fr.beta.guichet.signin;

import java.security.SecureRandom;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;

/**
 * The authorization request as ProConnect accepts it: {@code response_type}, {@code client_id},
 * {@code redirect_uri}, {@code scope}, {@code state} and {@code nonce} (each 43 characters, ProConnect wants at least
 * 32), and the level of assurance as {@code claims} ({@code {"id_token":{"acr":{"essential":true,"values":[…]}}}}).
 * Nothing else: ProConnect refuses any parameter it does not know (Y000400), so no PKCE nor {@code acr_values}.
 */
final class AuthorizationRequests {

    static final String AUTHORIZATION_BASE_URI = "/oauth2/authorization";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthorizationRequests() {
    }

    static OAuth2AuthorizationRequestResolver resolver(ClientRegistrationRepository registrations,
            SignInProperties properties) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE_URI);
        String claims = claims(properties);
        resolver.setAuthorizationRequestCustomizer(builder -> {
            builder.state(random());
            if (claims != null) {
                builder.additionalParameters(p -> p.put("claims", claims));
            }
        });
        return resolver;
    }

    /** The {@code claims} parameter asking for an essential {@code acr} among the accepted ones; null if none. */
    static String claims(SignInProperties properties) {
        if (properties.acrValues().isEmpty()) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode claims = json.createObjectNode();
        ObjectNode acr = claims.putObject("id_token").putObject("acr");
        acr.put("essential", true);
        properties.acrValues().forEach(acr.putArray("values")::add);
        return claims.toString();
    }

    /** 32 random bytes, 43 URL-safe characters. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
