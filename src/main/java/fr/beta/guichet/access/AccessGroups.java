package fr.beta.guichet.access;

import fr.beta.guichet.request.engine.EscalationProperties;

/**
 * The groups the service itself relies on. Resource groups (the candidate groups of {@code claim}) come from the
 * request types and the configuration: {@link ResourceGroups}.
 */
public final class AccessGroups {

    public static final String OVH = "ops-ovh";
    public static final String MATOMO = "ops-matomo";
    public static final String DOCKERHUB = "ops-dockerhub";
    public static final String MATTERMOST = "ops-mattermost";
    public static final String SENTRY = "ops-sentry";
    public static final String MANAGERS = EscalationProperties.MANAGERS_GROUP;
    public static final String MANAGERS_NAME = "Équipe de l'incubateur (managers)";
    /** Camunda's platform admin group (full access to Admin and Cockpit). */
    public static final String PLATFORM_ADMINS = "camunda-admin";

    private AccessGroups() {
    }
}
