package fr.beta.guichet.provider.matomo;

import java.util.Map;

/**
 * A user of the Matomo sandbox.
 *
 * @param login   Matomo login
 * @param email   email address
 * @param pending {@code true} while the invitation has not been accepted (the sandbox never accepts it)
 * @param access  role per site id
 */
public record SandboxMatomoUser(String login, String email, boolean pending, Map<Integer, MatomoAccess> access) {

    public SandboxMatomoUser {
        access = Map.copyOf(access);
    }
}
