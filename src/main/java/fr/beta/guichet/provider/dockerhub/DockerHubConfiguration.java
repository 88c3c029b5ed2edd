package fr.beta.guichet.provider.dockerhub;

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
 * The {@link DockerHubClient} bean: {@link DockerHubApiClient} when {@code guichet.dockerhub.mode=live},
 * {@link SandboxDockerHub} otherwise. Beans are declared with their concrete types so that the sandbox can be
 * injected as such by the "Bac à sable" page and by tests.
 * <p>
 * The mode is read the way {@link DockerHubProperties} binds it (any case; missing or empty means sandbox), rather
 * than with {@code @ConditionalOnProperty}, which would match neither bean for {@code mode: ${DOCKERHUB_MODE:}}
 * left empty.
 */
@Configuration(proxyBeanMethods = false)
class DockerHubConfiguration {

    static final String MODE = "guichet.dockerhub.mode";

    @Bean
    @Conditional(LiveMode.class)
    DockerHubApiClient dockerHubApiClient(DockerHubProperties properties) {
        properties.requireLiveCredentials();
        var transport = new ConnectHttpTransport(DockerHubApiClient.PROVIDER, properties.connectTimeout(),
                properties.readTimeout());
        return new DockerHubApiClient(properties, transport);
    }

    @Bean
    @Conditional(SandboxMode.class)
    SandboxDockerHub sandboxDockerHub() {
        return new SandboxDockerHub();
    }

    static ProviderMode mode(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind(MODE, ProviderMode.class)
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
