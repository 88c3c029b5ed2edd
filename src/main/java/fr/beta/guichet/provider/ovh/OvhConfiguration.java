package fr.beta.guichet.provider.ovh;

import java.time.Clock;

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
 * The {@link DnsZoneClient} and {@link EmailDomainClient} beans: {@link OvhDnsClient} and {@link OvhEmailClient}
 * over one signed {@link OvhApi} when {@code guichet.ovh.mode=live}, {@link SandboxDnsZone} and
 * {@link SandboxEmailDomain} (tasks run after {@code guichet.ovh.sandbox-email-delay}) otherwise.
 * <p>
 * The mode is read the way {@link OvhProperties} binds it (any case; missing or empty means sandbox), rather than
 * with {@code @ConditionalOnProperty}, which would match neither bean for {@code mode: ${OVH_MODE:}} left empty.
 */
@Configuration(proxyBeanMethods = false)
class OvhConfiguration {

    @Bean
    @Conditional(LiveMode.class)
    OvhApi ovhApi(OvhProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(OvhApi.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new OvhApi(properties, transport);
    }

    @Bean
    @Conditional(LiveMode.class)
    OvhDnsClient ovhDnsClient(OvhApi ovhApi) {
        return new OvhDnsClient(ovhApi);
    }

    @Bean
    @Conditional(LiveMode.class)
    OvhEmailClient ovhEmailClient(OvhApi ovhApi) {
        return new OvhEmailClient(ovhApi);
    }

    @Bean
    @Conditional(SandboxMode.class)
    SandboxDnsZone sandboxDnsZone() {
        return new SandboxDnsZone();
    }

    @Bean
    @Conditional(SandboxMode.class)
    SandboxEmailDomain sandboxEmailDomain(OvhProperties properties) {
        return new SandboxEmailDomain(Clock.systemUTC(), properties.sandboxEmailDelay());
    }

    static ProviderMode mode(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind("guichet.ovh.mode", ProviderMode.class)
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
