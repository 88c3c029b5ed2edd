package fr.beta.guichet.notification.matrix;

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
 * The Matrix (Tchap) adapter of the chat port, when {@code guichet.chat} is {@code matrix} or {@code both}: the
 * live client {@link MatrixChannel} in both modes; {@code guichet.matrix.mode=live} sends through Camunda Connect to
 * the homeserver, {@code sandbox} to {@link MatrixFakeApi} in process (state in the database).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChat(ChatKind.MATRIX)
@EnableConfigurationProperties(MatrixProperties.class)
class MatrixConfiguration {

    @Bean
    @Order(2)
    MatrixChannel matrixChannel(MatrixProperties properties, ProviderTransports transports, SandboxStore store,
            Clock clock) {
        var effective = properties.requireLiveSettings().effective();
        var transport = transports.transport(MatrixChannel.PROVIDER, properties.mode(), properties.connectTimeout(),
                properties.readTimeout(), () -> new MatrixFakeApi(store, effective, clock));
        return new MatrixChannel(effective, transport);
    }
}
