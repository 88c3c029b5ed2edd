package fr.beta.guichet.sentry;

/** Descriptor of the {@code request-sentry} process. */
public final class SentryProcess {

    public static final String KEY = "request-sentry";
    public static final String REFERENCE_PREFIX = "SEN";
    public static final String RESOURCE_GROUP = "ops-sentry";

    private SentryProcess() {
    }
}
