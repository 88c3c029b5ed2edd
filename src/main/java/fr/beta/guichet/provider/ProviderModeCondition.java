package fr.beta.guichet.provider;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnProviderMode}. */
class ProviderModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnProviderMode.class.getName());
        if (attributes == null) {
            return false;
        }
        String provider = (String) attributes.get("provider");
        ProviderMode wanted = (ProviderMode) attributes.get("mode");
        ProviderMode actual = Binder.get(context.getEnvironment())
                .bind("guichet." + provider + ".mode", ProviderMode.class)
                .orElse(ProviderMode.SANDBOX);
        return actual == wanted;
    }
}
