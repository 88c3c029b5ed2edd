package fr.beta.guichet.subdomain;

import fr.beta.guichet.access.AccessGroups;

/** Descriptor of the {@code request-subdomain} process. */
public final class SubdomainProcess {

    public static final String KEY = "request-subdomain";
    public static final String REFERENCE_PREFIX = "SUB";
    public static final String RESOURCE_GROUP = AccessGroups.OVH;

    private SubdomainProcess() {
    }
}
