package fr.beta.guichet.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * After the session here is ended (in the shared session store: every node), a person who came through the
 * provider is sent to its {@code end_session_endpoint} with {@code id_token_hint}, {@code state} and
 * {@code post_logout_redirect_uri} ({@code <base>/login?logout}, registered at the provider) so that they are signed
 * out there too; others go straight to the login page.
 */
class ProviderLogout implements LogoutSuccessHandler {

    static final String AFTER_LOGOUT = "/login?logout";

    private final ProviderRegistration provider;

    ProviderLogout(ProviderRegistration provider) {
        this.provider = provider;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String back = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replacePath(request.getContextPath()).replaceQuery(null).build().toUriString() + AFTER_LOGOUT;
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            Object endSession = null;
            try {
                endSession = provider.get().getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
            } catch (ProviderRegistration.ProviderUnreachableException e) {
                // signed out here; the provider's own session ends by itself
            }
            if (endSession != null) {
                response.sendRedirect(UriComponentsBuilder.fromUriString(endSession.toString())
                        .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                        .queryParam("state", AuthorizationRequests.random())
                        .queryParam("post_logout_redirect_uri", back)
                        .encode().build().toUriString());
                return;
            }
        }
        response.sendRedirect(request.getContextPath() + AFTER_LOGOUT);
    }
}
