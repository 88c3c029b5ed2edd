package fr.beta.guichet.provider.matomo;

import java.util.Locale;
import java.util.Optional;

/** A Matomo role on one site, as {@code UsersManager.setUserAccess} takes it ({@code noaccess} is "no role"). */
public enum MatomoAccess {
    VIEW,
    WRITE,
    ADMIN;

    /** The value the API sends and expects: {@code view}, {@code write} or {@code admin}. */
    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role for an API value; empty for anything else, such as a capability ({@code tagmanager_write}…) that
     * {@code getSitesAccessFromUser} lists next to the role.
     */
    public static Optional<MatomoAccess> fromApiValue(String value) {
        for (MatomoAccess access : values()) {
            if (access.apiValue().equals(value)) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
