package fr.beta.guichet.dnsdelegation;

/** Descriptor of the {@code request-dns-delegation} process. */
public final class DnsDelegationProcess {

    public static final String KEY = "request-dns-delegation";
    public static final String REFERENCE_PREFIX = "DEL";
    public static final String RESOURCE_GROUP = "ops-ovh";

    private DnsDelegationProcess() {
    }
}
