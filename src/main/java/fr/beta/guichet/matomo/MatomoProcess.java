package fr.beta.guichet.matomo;

/** Descriptor of the {@code request-matomo} process. */
public final class MatomoProcess {

    public static final String KEY = "request-matomo";
    public static final String REFERENCE_PREFIX = "MAT";
    public static final String RESOURCE_GROUP = "ops-matomo";

    private MatomoProcess() {
    }
}
