package fr.beta.guichet.provider.matomo;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/**
 * The {@link MatomoClient} bean: {@link MatomoHttpClient} in both modes. Its transport is Camunda Connect when
 * {@code guichet.matomo.mode=live} (the real URL and token are then required at startup), and {@link MatomoFakeApi}
 * on the {@link SandboxStore} otherwise, reached with the sandbox's own URL and token.
 */
@Configuration(proxyBeanMethods = false)
class MatomoConfiguration {

    @Bean
    MatomoHttpClient matomoClient(MatomoProperties properties, ProviderTransports transports, SandboxStore store,
            Clock clock) {
        properties.requireLiveCredentials();
        MatomoProperties effective = properties.effective();
        HttpTransport transport = transports.transport(MatomoHttpClient.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(),
                () -> new MatomoFakeApi(store, effective.token(), clock));
        return new MatomoHttpClient(effective, transport);
    }
}
