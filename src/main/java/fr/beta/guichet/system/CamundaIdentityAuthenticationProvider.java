package fr.beta.guichet.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import fr.beta.guichet.signin.LoginThrottle;
import fr.beta.guichet.signin.SignInSecurity;

/**
 * Spring Security login against Camunda's identity service: users, passwords and groups live where Camunda Admin
 * manages them. Each group becomes an authority {@code GROUP_<id>}. Failures are throttled per client address and
 * account ({@link LoginThrottle}, Camunda's own account lock being off); in prod with OpenID Connect only the
 * break-glass admin may use a password ({@link SignInSecurity#passwordLoginAllowed}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    static final String GROUP_PREFIX = "GROUP_";

    private static final String COUNTED = CamundaIdentityAuthenticationProvider.class.getName() + ".counted";

    private final IdentityService identityService;
    private final LoginThrottle throttle;
    private final SignInSecurity signIn;

    CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle,
            SignInSecurity signIn) {
        this.identityService = identityService;
        this.throttle = throttle;
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        // too many failures of this account from this address: refused before the password is even checked
        throttle.check(address, userId);
        if (userId == null || userId.isBlank() || credentials == null || !signIn.passwordLoginAllowed(userId)
                || !passwordMatches(userId, credentials.toString())) {
            // the global and the chain's authentication managers may both ask: count one failure per request
            if (firstAskInThisRequest()) {
                throttle.failed(address, userId);
            }
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(address, userId);
        List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list()
                .stream().map(group -> new SimpleGrantedAuthority(GROUP_PREFIX + group.getId())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    /** People signed up through OpenID Connect have no password: Camunda's check fails on them (NPE). */
    private boolean passwordMatches(String userId, String password) {
        try {
            return identityService.checkPassword(userId, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean firstAskInThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return true;
        }
        if (request.getAttribute(COUNTED, RequestAttributes.SCOPE_REQUEST) != null) {
            return false;
        }
        request.setAttribute(COUNTED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        return true;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
