package fr.beta.guichet.provider.mattermost;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.ConditionalOnProviderMode;
import fr.beta.guichet.provider.ProviderMode;

/**
 * Chooses the {@link fr.beta.guichet.notification.ChatChannel}: the real server when
 * {@code guichet.mattermost.mode=live}, the in-memory {@link SandboxMattermost} otherwise. Beans are declared with
 * their concrete types so that the sandbox can be injected as such by the "Bac à sable" page and by tests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MattermostProperties.class)
class MattermostConfiguration {

    @Bean
    @ConditionalOnProviderMode(provider = "mattermost", mode = ProviderMode.LIVE)
    MattermostChannel mattermostChannel(MattermostProperties properties) {
        return new MattermostChannel(properties);
    }

    @Bean
    @ConditionalOnProviderMode(provider = "mattermost", mode = ProviderMode.SANDBOX)
    SandboxMattermost sandboxMattermost() {
        return new SandboxMattermost();
    }
}
