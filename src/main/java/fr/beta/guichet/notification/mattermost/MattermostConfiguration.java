package fr.beta.guichet.notification.mattermost;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import fr.beta.guichet.notification.ChatKind;
import fr.beta.guichet.notification.ConditionalOnChat;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/**
 * The Mattermost adapter of the chat port, when {@code guichet.chat} is {@code mattermost} (the default) or
 * {@code both}: the live client {@link MattermostChannel} in both modes; {@code guichet.mattermost.mode=live} sends
 * through Camunda Connect to the real server, {@code sandbox} to {@link MattermostFakeApi} in process (state in the
 * database). The properties are bound (and a live mode's missing settings reported) only when Mattermost is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChat(ChatKind.MATTERMOST)
@EnableConfigurationProperties(MattermostProperties.class)
class MattermostConfiguration {

    @Bean
    @Order(1)
    MattermostChannel mattermostChannel(MattermostProperties properties, ProviderTransports transports,
            SandboxStore store, Clock clock) {
        var effective = properties.effective();
        var transport = transports.transport(MattermostChannel.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(),
                () -> new MattermostFakeApi(store, effective, clock));
        return new MattermostChannel(effective, transport);
    }
}
