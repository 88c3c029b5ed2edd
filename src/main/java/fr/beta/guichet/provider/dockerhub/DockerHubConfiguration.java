package fr.beta.guichet.provider.dockerhub;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ConditionalOnProviderMode;
import fr.beta.guichet.provider.ProviderMode;

/**
 * The {@link DockerHubClient} bean: {@link DockerHubApiClient} when {@code guichet.dockerhub.mode=live},
 * {@link SandboxDockerHub} otherwise. Beans are declared with their concrete types so that the sandbox can be
 * injected as such by the "Bac à sable" page and by tests.
 * <p>
 * The switch is {@link ConditionalOnProviderMode}.
 */
@Configuration(proxyBeanMethods = false)
class DockerHubConfiguration {

    static final String MODE = "guichet.dockerhub.mode";

    @Bean
    @ConditionalOnProviderMode(provider = "dockerhub", mode = ProviderMode.LIVE)
    DockerHubApiClient dockerHubApiClient(DockerHubProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(DockerHubApiClient.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new DockerHubApiClient(properties, transport);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "dockerhub", mode = ProviderMode.SANDBOX)
    SandboxDockerHub sandboxDockerHub() {
        return new SandboxDockerHub();
    }
}
