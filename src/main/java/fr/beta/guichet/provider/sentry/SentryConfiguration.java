package fr.beta.guichet.provider.sentry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/**
 * The {@link SentryClient} bean: {@link SentryHttpClient} in both modes, over Camunda Connect when
 * {@code guichet.sentry.mode=live}, over {@link SentryFakeApi} (state in the database) otherwise. Live mode checks
 * its settings at startup and names what is missing.
 */
@Configuration(proxyBeanMethods = false)
class SentryConfiguration {

    @Bean
    SentryHttpClient sentryClient(SentryProperties properties, ProviderTransports transports, SandboxStore store) {
        SentryProperties effective = properties.effective();
        HttpTransport transport = transports.transport(SentryClient.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(), () -> new SentryFakeApi(store, effective));
        return new SentryHttpClient(effective, transport);
    }
}
