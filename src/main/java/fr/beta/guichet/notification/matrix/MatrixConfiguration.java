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

    /**
     * The room's reader: its own transport, whose read timeout outlasts the long poll
     * ({@link MatrixSyncClient#POLL_TIMEOUT_LIMIT}); in sandbox mode the same fake as the channel's (one per
     * context), behind {@link MatrixLongPoll}.
     */
    @Bean
    MatrixSyncClient matrixSyncClient(MatrixChannel channelBuiltFirst, MatrixProperties properties,
            ProviderTransports transports, SandboxStore store, Clock clock) {
        var effective = properties.requireLiveSettings().effective();
        var fake = transports.sandboxFakes().stream().filter(MatrixFakeApi.class::isInstance).findFirst();
        var transport = transports.transport(MatrixChannel.PROVIDER, properties.mode(), properties.connectTimeout(),
                properties.readTimeout().plus(MatrixSyncClient.POLL_TIMEOUT_LIMIT),
                () -> fake.map(MatrixFakeApi.class::cast).orElseGet(() -> new MatrixFakeApi(store, effective, clock)));
        return new MatrixSyncClient(effective,
                properties.mode() == fr.beta.guichet.provider.ProviderMode.LIVE ? transport : new MatrixLongPoll(transport));
    }
}
