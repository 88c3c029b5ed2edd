package fr.beta.guichet.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link GuichetSpringTest} with the mailboxes on Dimail ({@code guichet.mailboxes.provider=dimail}, the application's
 * default; the test profile keeps the older suite on OVH). One shared context for all such tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GuichetSpringTest
@TestPropertySource(properties = "guichet.mailboxes.provider=dimail")
public @interface DimailMailTest {
}
