package fr.beta.guichet.subdomain;

/** Descriptor of the {@code request-subdomain} process. */
public final class SubdomainProcess {

    public static final String KEY = "request-subdomain";
    public static final String REFERENCE_PREFIX = "SUB";
    public static final String RESOURCE_GROUP = "ops-ovh";

    private SubdomainProcess() {
    }
}
