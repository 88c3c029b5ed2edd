package fr.beta.guichet.provider.matomo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ConditionalOnProviderMode;
import fr.beta.guichet.provider.ProviderMode;

/**
 * The {@link MatomoClient} bean: {@link MatomoHttpClient} when {@code guichet.matomo.mode=live}, {@link SandboxMatomo}
 * otherwise. Beans are declared with their concrete types so that the "Bac à sable" page and tests can inject the
 * sandbox as such.
 * <p>
 * The switch is {@link ConditionalOnProviderMode}.
 */
@Configuration(proxyBeanMethods = false)
class MatomoConfiguration {

    @Bean
    @ConditionalOnProviderMode(provider = "matomo", mode = ProviderMode.LIVE)
    MatomoHttpClient matomoHttpClient(MatomoProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(MatomoHttpClient.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new MatomoHttpClient(properties, transport);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "matomo", mode = ProviderMode.SANDBOX)
    SandboxMatomo sandboxMatomo() {
        return new SandboxMatomo();
    }
}
