package fr.beta.guichet.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on in-memory H2 with the job executor off: tests drive jobs themselves. Sandbox
 * providers and demo users as in the default profile. One shared context for all such tests. A {@link FaultyTransport}
 * wraps every provider's transport: tests arm it to break a provider, and read the calls it recorded.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(FaultyTransport.class)
public @interface GuichetSpringTest {
}
