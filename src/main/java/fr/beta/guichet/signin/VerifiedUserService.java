package fr.beta.guichet.signin;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import javax.crypto.spec.SecretKeySpec;

/**
 * Who signed in, verified before anyone is let in or any account made:
 * <ol>
 *   <li>the ID token's {@code acr} is one of the accepted levels (ProConnect answers the {@code claims} request);</li>
 *   <li>userinfo is read with the access token: a signed JWT ({@code application/jwt}, ProConnect) is verified
 *       against the provider's JWKS (or the client secret for HS256), its {@code iss}, {@code aud} and {@code sub}
 *       checked; plain JSON is accepted only from a provider not configured to sign it;</li>
 *   <li>the email is present and not marked unverified;</li>
 *   <li>only then is the person's account created or updated ({@link PeopleAccounts}).</li>
 * </ol>
 * A refusal is an {@link OAuth2AuthenticationException} whose error code {@link SignInFailures} turns into a page.
 */
class VerifiedUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final MediaType APPLICATION_JWT = MediaType.parseMediaType("application/jwt");
    private static final Logger log = LoggerFactory.getLogger(VerifiedUserService.class);

    private final SignInProperties properties;
    private final PeopleAccounts accounts;
    private final RestClient http;
    private final Map<String, JwtDecoder> userinfoDecoders = new ConcurrentHashMap<>();

    VerifiedUserService(SignInProperties properties, PeopleAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcIdToken idToken = request.getIdToken();
        checkAcr(idToken);
        Map<String, Object> claims = userinfo(request);
        if (!Objects.equals(claims.get("sub"), idToken.getSubject())) {
            throw refused("userinfo_subject", "userinfo sub differs from the ID token's");
        }
        String email = claims.get("email") instanceof String e ? e.strip() : idToken.getEmail();
        if (email == null || email.isBlank() || !email.contains("@")) {
            throw refused("email_missing", "no email in userinfo nor in the ID token");
        }
        if (Boolean.FALSE.equals(claims.get("email_verified")) || "false".equals(claims.get("email_verified"))) {
            throw refused("email_unverified", "email_verified is false");
        }
        var person = new PeopleAccounts.Person(email, text(claims, "given_name"),
                text(claims, "usual_name") != null ? text(claims, "usual_name") : text(claims, "family_name"),
                idToken.getSubject(), text(claims, "idp_id"), text(claims, "siret"));
        PeopleAccounts.SignedIn account = accounts.signIn(person);
        return new GuichetOidcUser(account.authorities(), idToken, new OidcUserInfo(claims), account.userId());
    }

    private void checkAcr(OidcIdToken idToken) {
        if (properties.acrValues().isEmpty()) {
            return;
        }
        String acr = idToken.getClaimAsString("acr");
        if (acr == null || !properties.acrValues().contains(acr)) {
            throw refused("acr_too_low", "acr " + acr + " not among " + properties.acrValues());
        }
    }

    private Map<String, Object> userinfo(OidcUserRequest request) {
        ClientRegistration registration = request.getClientRegistration();
        String uri = registration.getProviderDetails().getUserInfoEndpoint().getUri();
        if (uri == null || uri.isBlank()) {
            if (properties.userinfoSigned()) {
                throw refused("userinfo_missing", "the provider has no userinfo endpoint");
            }
            return request.getIdToken().getClaims();
        }
        org.springframework.http.ResponseEntity<String> response;
        try {
            response = http.get().uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + request.getAccessToken().getTokenValue())
                    .accept(APPLICATION_JWT, MediaType.APPLICATION_JSON)
                    .retrieve().toEntity(String.class);
        } catch (RestClientException e) {
            // the message may quote the response, never the request's bearer token
            throw refused("provider_unavailable", "userinfo call failed: " + e.getClass().getSimpleName());
        }
        MediaType type = response.getHeaders().getContentType();
        String body = response.getBody() == null ? "" : response.getBody().strip();
        if (type != null && APPLICATION_JWT.isCompatibleWith(type)) {
            return verified(registration, body);
        }
        if (properties.userinfoSigned()) {
            throw refused("userinfo_not_signed", "userinfo answered " + type + " where a signed JWT is expected");
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw refused("userinfo_invalid", "userinfo is not a JSON object");
        }
    }

    private Map<String, Object> verified(ClientRegistration registration, String jwt) {
        try {
            return decoder(registration).decode(jwt).getClaims();
        } catch (JwtException e) {
            throw refused("userinfo_signature", "userinfo JWT refused: " + e.getMessage());
        }
    }

    private JwtDecoder decoder(ClientRegistration registration) {
        return userinfoDecoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder;
            MacAlgorithm mac = MacAlgorithm.from(properties.signingAlgorithm());
            if (mac != null) {
                decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
                        registration.getClientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(mac).build();
            } else {
                decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                        .jwsAlgorithm(SignatureAlgorithm.from(properties.signingAlgorithm())).build();
            }
            String issuer = registration.getProviderDetails().getIssuerUri();
            String clientId = registration.getClientId();
            var timestamps = new JwtTimestampValidator();
            decoder.setJwtValidator(jwt -> {
                if (jwt.getClaims().containsKey("iss") && !Objects.equals(String.valueOf(jwt.getClaims().get("iss")), issuer)) {
                    return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_issuer", "iss differs", null));
                }
                Collection<String> audience = jwt.getAudience();
                if (audience != null && !audience.isEmpty() && !audience.contains(clientId)) {
                    return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_audience", "aud differs", null));
                }
                return timestamps.validate(jwt);
            });
            return decoder;
        });
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static OAuth2AuthenticationException refused(String code, String reason) {
        log.debug("Sign-in refused: {} ({})", code, reason);
        return new OAuth2AuthenticationException(new OAuth2Error(code, reason, null), reason);
    }

    /** The signed-in person: named by their Camunda user id, with their Camunda groups as authorities. */
    static class GuichetOidcUser extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;
        private final String userId;

        GuichetOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                String userId) {
            super(authorities, idToken, userInfo);
            this.userId = userId;
        }

        @Override
        public String getName() {
            return userId;
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof GuichetOidcUser other && userId.equals(other.userId);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + userId.hashCode();
        }
    }

}
