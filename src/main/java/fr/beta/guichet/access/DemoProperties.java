package fr.beta.guichet.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo data of the default profile: the access holders of design.md and a few requesters, all with the same demo
 * password (printed at startup). Disabled in {@code prod}.
 */
@ConfigurationProperties("guichet.demo")
public record DemoProperties(boolean enabled, String password) {

    @Override
    public String toString() {
        return "DemoProperties[enabled=" + enabled + "]";
    }
}
