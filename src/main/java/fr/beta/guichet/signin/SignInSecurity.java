package fr.beta.guichet.signin;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * What {@code system/SecurityConfiguration} applies to its filter chains: OpenID Connect login and provider logout
 * when an issuer is configured, the password login policy, and the answers to a throttled password login (a French
 * message on the login page, 429 with {@code Retry-After} on {@code /engine-rest}).
 */
@Component
public class SignInSecurity {

    static final String THROTTLED_PARAMETER = "attente";

    private final SignInProperties properties;
    private final ProviderRegistration provider;
    private final VerifiedUserService users;
    private final java.time.Clock clock;

    SignInSecurity(SignInProperties properties, PeopleAccounts accounts, java.time.Clock clock) {
        this.properties = properties;
        this.provider = new ProviderRegistration(properties);
        this.users = new VerifiedUserService(properties, accounts);
        this.clock = clock;
    }

    /** OpenID Connect login ({@code /oauth2/authorization/oidc}, back at {@code /login/oauth2/code/oidc}). */
    public void configure(HttpSecurity http) throws Exception {
        http.logout(logout -> logout.logoutSuccessHandler(new ProviderLogout(provider)));
        if (!properties.oidcEnabled()) {
            return;
        }
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(provider)
                .authorizationEndpoint(a -> a.authorizationRequestResolver(
                        AuthorizationRequests.resolver(provider, properties)))
                .userInfoEndpoint(u -> u.oidcUserService(users))
                .failureHandler(new SignInFailures())
                // the access token is not kept in a node's memory: only in the shared session, with the login
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .defaultSuccessUrl("/", false));
    }

    /** The ID token's signature algorithm is the one chosen at registration (Spring's default is RS256 only). */
    OidcIdTokenDecoderFactory idTokenDecoders() {
        var idTokens = new OidcIdTokenDecoderFactory();
        idTokens.setJwsAlgorithmResolver(registration -> {
            MacAlgorithm mac = MacAlgorithm.from(properties.signingAlgorithm());
            return mac != null ? mac : SignatureAlgorithm.from(properties.signingAlgorithm());
        });
        return idTokens;
    }

    /** May this user sign in with a password? Everyone in the default profile; only the break-glass admin in prod. */
    public boolean passwordLoginAllowed(String userId) {
        return passwordLoginOpen() || (userId != null && userId.equals(properties.breakGlassUser()));
    }

    /** Password login for everyone (no provider configured, or the default profile). */
    public boolean passwordLoginOpen() {
        return properties.passwordLogin() || !properties.oidcEnabled();
    }

    public boolean oidcEnabled() {
        return properties.oidcEnabled();
    }

    public boolean proConnect() {
        return properties.proConnect();
    }

    /**
     * The provider's origin ({@code https://host[:port]}) when OpenID Connect is configured: the logout form's post is
     * answered by a redirect to the provider's end-session endpoint, and browsers check a form's redirects against the
     * page's CSP {@code form-action}, so that origin must be allowed there.
     */
    public java.util.Optional<String> providerOrigin() {
        if (!properties.oidcEnabled()) {
            return java.util.Optional.empty();
        }
        java.net.URI issuer = java.net.URI.create(properties.issuerUri().strip());
        return java.util.Optional.of(issuer.getScheme() + "://" + issuer.getHost()
                + (issuer.getPort() == -1 ? "" : ":" + issuer.getPort()));
    }

    boolean providerAvailable() {
        return provider.available();
    }

    /** Login form failures: a throttled attempt says when to retry, others « incorrect ». */
    public AuthenticationFailureHandler passwordFailures() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            if (e instanceof LoginThrottle.Throttled throttled) {
                response.sendRedirect(request.getContextPath() + "/login?" + THROTTLED_PARAMETER + "="
                        + secondsUntil(throttled));
            } else {
                response.sendRedirect(request.getContextPath() + "/login?error");
            }
        };
    }

    /** {@code /engine-rest}: 429 with {@code Retry-After} and a French message when throttled, 401 otherwise. */
    public AuthenticationEntryPoint basicEntryPoint() {
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Guichet Ops");
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            if (e instanceof LoginThrottle.Throttled throttled) {
                long seconds = secondsUntil(throttled);
                response.setStatus(429);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"type\":\"LoginThrottled\",\"message\":\"Trop d’essais de connexion "
                        + "infructueux pour ce compte depuis votre adresse. Réessayez dans " + seconds
                        + " secondes (à " + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Europe/Paris"))
                                .format(throttled.retryAt()) + ", heure de Paris).\"}");
                return;
            }
            basic.commence(request, response, e);
        };
    }

    private long secondsUntil(LoginThrottle.Throttled throttled) {
        return Math.max(1, Duration.between(clock.instant(), throttled.retryAt()).toSeconds() + 1);
    }
}
