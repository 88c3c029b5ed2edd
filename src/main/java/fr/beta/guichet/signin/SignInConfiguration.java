package fr.beta.guichet.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;

/** The ID token decoder the OpenID Connect login picks up (a bean of this type is how Spring Security finds it). */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    OidcIdTokenDecoderFactory idTokenDecoderFactory(SignInSecurity signIn) {
        return signIn.idTokenDecoders();
    }
}
