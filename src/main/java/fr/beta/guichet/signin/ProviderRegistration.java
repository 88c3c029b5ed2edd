package fr.beta.guichet.signin;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one OpenID provider, read from its discovery document ({@code <issuer>/.well-known/openid-configuration})
 * the first time someone signs in rather than at startup: the service starts and password login works while the
 * provider is down; {@link #available()} tells the login button whether it can go there now.
 */
class ProviderRegistration implements ClientRegistrationRepository {

    static final String ID = "oidc";
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

    private final SignInProperties properties;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    ProviderRegistration(SignInProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return ID.equals(registrationId) ? get() : null;
    }

    /** The registration, discovered now if not yet; throws {@link ProviderUnreachableException} if it cannot be. */
    ClientRegistration get() {
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        try {
            ClientRegistration discovered = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                    .registrationId(ID)
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    // ProConnect: client_secret_post only (discovery may list others first)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .scope(properties.scopes())
                    // must match the URI registered at the provider exactly (no trailing slash)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .userNameAttributeName("sub")
                    .build();
            registration.compareAndSet(null, discovered);
            return registration.get();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            log.warn("OpenID provider discovery at {} failed: {} {}", properties.issuerUri(), e.getClass().getSimpleName(),
                    message.length() > 200 ? message.substring(0, 200) + "…" : message);
            throw new ProviderUnreachableException(e);
        }
    }

    boolean available() {
        try {
            get();
            return true;
        } catch (ProviderUnreachableException e) {
            return false;
        }
    }

    static class ProviderUnreachableException extends RuntimeException {
        ProviderUnreachableException(Throwable cause) {
            super("OpenID provider unreachable", cause);
        }
    }
}
