package fr.beta.guichet.signin;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A sign-in the provider's answer did not allow becomes a French page saying what to do ({@code /connexion/erreur}),
 * never a 500; the reason is logged, without tokens. No account was made: {@link VerifiedUserService} creates it
 * only once everything was verified.
 */
class SignInFailures implements AuthenticationFailureHandler {

    static final String PAGE = "/connexion/erreur";
    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
    /** Anything shaped like a JWT or a long opaque token is cut out of what is logged. */
    private static final Pattern TOKEN = Pattern.compile("ey[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_.-]*|[A-Za-z0-9_-]{40,}");

    /** OAuth2 error code → the reason shown (message {@code signin.error.<reason>}). */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("authorization_request_not_found", "state"),
            Map.entry("invalid_state_parameter", "state"),
            Map.entry("invalid_nonce", "token"),
            Map.entry("invalid_id_token", "token"),
            Map.entry("invalid_grant", "code"),
            Map.entry("invalid_token_response", "unavailable"),
            Map.entry("provider_unavailable", "unavailable"),
            Map.entry("userinfo_signature", "userinfo"),
            Map.entry("userinfo_not_signed", "userinfo"),
            Map.entry("userinfo_invalid", "userinfo"),
            Map.entry("userinfo_missing", "userinfo"),
            Map.entry("userinfo_subject", "userinfo"),
            Map.entry("email_missing", "email"),
            Map.entry("email_unverified", "email"),
            Map.entry("acr_too_low", "acr"),
            Map.entry("access_denied", "denied"));

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : exception.getClass().getSimpleName();
        String description = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getDescription() : exception.getMessage();
        String reason = REASONS.getOrDefault(code, "other");
        log.warn("Sign-in with the OpenID provider refused: {} ({}) from {}", code,
                description == null ? "" : TOKEN.matcher(description).replaceAll("…"), request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + PAGE + "?raison=" + reason);
    }
}
