package fr.beta.guichet.provider.sentry;

/**
 * The role a person gets in a Sentry team. Sentry's team roles are {@code contributor} and {@code admin}; the
 * organization role of an invited person is always {@code member} (what organization tokens may invite).
 */
public enum SentryTeamRole {
    /** Team contributor: sees and works on the team's projects. */
    MEMBER("contributor"),
    /** Team admin: also manages the team's projects and members. */
    ADMIN("admin");

    private final String apiValue;

    SentryTeamRole(String apiValue) {
        this.apiValue = apiValue;
    }

    /** The value of {@code teamRoles[].role} and {@code teamRole} in Sentry's API. */
    public String apiValue() {
        return apiValue;
    }
}
