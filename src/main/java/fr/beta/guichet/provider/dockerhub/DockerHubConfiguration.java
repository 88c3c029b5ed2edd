package fr.beta.guichet.provider.dockerhub;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/**
 * The {@link DockerHubClient} bean: {@link DockerHubApiClient} in both modes. Its transport is Camunda Connect when
 * {@code guichet.dockerhub.mode=live} (the real credentials are then required at startup), and
 * {@link DockerHubFakeApi} for the configured organization on the {@link SandboxStore} otherwise, reached with the
 * sandbox's own identifier and token.
 */
@Configuration(proxyBeanMethods = false)
class DockerHubConfiguration {

    @Bean
    DockerHubApiClient dockerHubClient(DockerHubProperties properties, ProviderTransports transports,
            SandboxStore store, Clock clock) {
        properties.requireLiveCredentials();
        DockerHubProperties effective = properties.effective();
        HttpTransport transport = transports.transport(DockerHubApiClient.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(),
                () -> new DockerHubFakeApi(store, effective.organization(), effective.identifier(),
                        effective.secret(), clock));
        return new DockerHubApiClient(effective, transport);
    }
}
