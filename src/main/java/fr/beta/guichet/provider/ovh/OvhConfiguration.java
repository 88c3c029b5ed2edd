package fr.beta.guichet.provider.ovh;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/**
 * The {@link DnsZoneClient} and {@link EmailDomainClient} beans: {@link OvhDnsClient} and {@link OvhEmailClient}
 * over one signed {@link OvhApi}, in both modes. Its transport is Camunda Connect when {@code guichet.ovh.mode=live}
 * (credentials required at startup), else the in-process {@link OvhFakeApi} on the {@link SandboxStore}, which
 * hosts the zone and the mail domain of {@link OvhDomains}, checks the sandbox credentials' signatures and runs email tasks after
 * {@code guichet.ovh.sandbox-email-delay}.
 */
@Configuration(proxyBeanMethods = false)
class OvhConfiguration {

    @Bean
    OvhApi ovhApi(OvhProperties properties, ProviderTransports transports, SandboxStore store, Clock clock,
            OvhDomains domains) {
        properties.requireLiveCredentials();
        OvhProperties effective = properties.effective();
        HttpTransport transport = transports.transport(OvhApi.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(),
                () -> new OvhFakeApi(store, clock, new OvhFakeApi.Settings(effective.applicationKey(),
                        effective.applicationSecret(), effective.consumerKey(), List.of(domains.dnsZone()),
                        List.of(domains.mailDomain()), properties.sandboxEmailDelay())));
        return new OvhApi(effective, transport);
    }

    @Bean
    OvhDnsClient ovhDnsClient(OvhApi ovhApi) {
        return new OvhDnsClient(ovhApi);
    }

    @Bean
    OvhEmailClient ovhEmailClient(OvhApi ovhApi) {
        return new OvhEmailClient(ovhApi);
    }
}
