package fr.beta.guichet.access;

import java.util.List;

/** The groups of design.md. Resource groups are the candidate groups of {@code claim}. */
public final class AccessGroups {

    public static final String OVH = "ops-ovh";
    public static final String MATOMO = "ops-matomo";
    public static final String DOCKERHUB = "ops-dockerhub";
    public static final String MATTERMOST = "ops-mattermost";
    public static final String SENTRY = "ops-sentry";
    public static final String MANAGERS = "managers";
    /** Camunda's platform admin group (full access to Admin and Cockpit). */
    public static final String PLATFORM_ADMINS = "camunda-admin";

    public static final List<String> RESOURCE_GROUPS = List.of(OVH, MATOMO, DOCKERHUB, MATTERMOST, SENTRY);

    private AccessGroups() {
    }

    /** Spring Security authorities of the resource groups, for the admin pages. */
    public static String[] resourceAuthorities() {
        return RESOURCE_GROUPS.stream().map(g -> "GROUP_" + g).toArray(String[]::new);
    }
}
