package fr.beta.guichet.provider.ovh;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ConditionalOnProviderMode;
import fr.beta.guichet.provider.ProviderMode;

/**
 * The {@link DnsZoneClient} and {@link EmailDomainClient} beans: {@link OvhDnsClient} and {@link OvhEmailClient}
 * over one signed {@link OvhApi} when {@code guichet.ovh.mode=live}, {@link SandboxDnsZone} and
 * {@link SandboxEmailDomain} (tasks run after {@code guichet.ovh.sandbox-email-delay}) otherwise.
 * <p>
 * The switch is {@link ConditionalOnProviderMode}.
 */
@Configuration(proxyBeanMethods = false)
class OvhConfiguration {

    @Bean
    @ConditionalOnProviderMode(provider = "ovh", mode = ProviderMode.LIVE)
    OvhApi ovhApi(OvhProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(OvhApi.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new OvhApi(properties, transport);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "ovh", mode = ProviderMode.LIVE)
    OvhDnsClient ovhDnsClient(OvhApi ovhApi) {
        return new OvhDnsClient(ovhApi);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "ovh", mode = ProviderMode.LIVE)
    OvhEmailClient ovhEmailClient(OvhApi ovhApi) {
        return new OvhEmailClient(ovhApi);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "ovh", mode = ProviderMode.SANDBOX)
    SandboxDnsZone sandboxDnsZone() {
        return new SandboxDnsZone();
    }

    @Bean
    @ConditionalOnProviderMode(provider = "ovh", mode = ProviderMode.SANDBOX)
    SandboxEmailDomain sandboxEmailDomain(OvhProperties properties) {
        return new SandboxEmailDomain(Clock.systemUTC(), properties.sandboxEmailDelay());
    }
}
