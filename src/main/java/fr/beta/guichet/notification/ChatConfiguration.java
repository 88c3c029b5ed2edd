package fr.beta.guichet.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * {@code guichet.chat=both}: the {@link ChatChannel} the lifecycle uses is {@link BothChats} over the adapters'
 * beans (Mattermost first, then Matrix: their {@code @Order}). With one chat, its adapter is the only
 * {@link ChatChannel} bean.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    @Primary
    @ConditionalOnChat(value = ChatKind.BOTH, exactly = true)
    BothChats bothChats(ObjectProvider<ChatChannel> adapters) {
        return new BothChats(adapters.orderedStream().filter(c -> !(c instanceof BothChats)).toList());
    }
}
