package fr.beta.guichet.provider.matomo;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderMode;

/**
 * The {@link MatomoClient} bean: {@link MatomoHttpClient} when {@code guichet.matomo.mode=live}, {@link SandboxMatomo}
 * otherwise. Beans are declared with their concrete types so that the "Bac à sable" page and tests can inject the
 * sandbox as such.
 * <p>
 * The mode is read the way {@link MatomoProperties} binds it (any case; missing or empty means sandbox), rather than
 * with {@code @ConditionalOnProperty}, which would match neither bean for {@code mode: ${MATOMO_MODE:}} left empty.
 */
@Configuration(proxyBeanMethods = false)
class MatomoConfiguration {

    @Bean
    @Conditional(LiveMode.class)
    MatomoHttpClient matomoHttpClient(MatomoProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(MatomoHttpClient.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new MatomoHttpClient(properties, transport);
    }

    @Bean
    @Conditional(SandboxMode.class)
    SandboxMatomo sandboxMatomo() {
        return new SandboxMatomo();
    }

    static ProviderMode mode(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind("guichet.matomo.mode", ProviderMode.class)
                .orElse(ProviderMode.SANDBOX);
    }

    static class LiveMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return mode(context) == ProviderMode.LIVE;
        }
    }

    static class SandboxMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return mode(context) == ProviderMode.SANDBOX;
        }
    }
}
