package fr.beta.guichet.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A bean that exists only when {@code guichet.chat} uses the given chat ({@code both} uses either), or, with
 * {@link #exactly()}, when it is that value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ChatCondition.class)
public @interface ConditionalOnChat {

    ChatKind value();

    boolean exactly() default false;
}
