package fr.beta.guichet.notification;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnChat}. */
class ChatCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnChat.class.getName());
        if (attributes == null) {
            return false;
        }
        ChatKind wanted = (ChatKind) attributes.get("value");
        ChatKind actual = configured(context.getEnvironment());
        return (Boolean) attributes.get("exactly") ? actual == wanted : actual.uses(wanted);
    }

    /** {@code guichet.chat}, any case; missing or empty means {@code mattermost}. */
    static ChatKind configured(Environment environment) {
        return Binder.get(environment).bind("guichet.chat", ChatKind.class).orElse(ChatKind.MATTERMOST);
    }
}
