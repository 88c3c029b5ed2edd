package fr.beta.guichet.account;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo data of the default profile: the access holders of the incubator and a few requesters, all with the same
 * demo password (printed at startup). Disabled in {@code prod}.
 *
 * @param users the demo people and their groups, in the order they are printed
 */
@ConfigurationProperties("guichet.demo")
public record DemoProperties(boolean enabled, String password, List<DemoUser> users) {

    public DemoProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A demo person: a requester when {@code groups} is empty. */
    public record DemoUser(String id, List<String> groups) {

        public DemoUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    @Override
    public String toString() {
        return "DemoProperties[enabled=" + enabled + ", users=" + users.size() + "]";
    }
}
