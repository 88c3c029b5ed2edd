package fr.beta.guichet.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A bean that exists only when {@code guichet.<provider>.mode} has the given value. The mode is bound the way the
 * properties bind it (any case; missing or empty means {@code sandbox}), unlike {@code @ConditionalOnProperty}, which
 * would match neither bean for {@code mode: ${OVH_MODE:}} left empty.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ProviderModeCondition.class)
public @interface ConditionalOnProviderMode {

    /** The provider's property prefix under {@code guichet.}: {@code ovh}, {@code matomo}… */
    String provider();

    ProviderMode mode();
}
