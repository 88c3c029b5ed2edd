package fr.beta.guichet.support;

/**
 * The ways a provider fails, injected by a {@link FakeHttpServer} or a {@link FaultyTransport} into its write calls. The last three happen after
 * the provider did the work: the resource exists but the caller never learns it.
 */
public enum ProviderFault {

    /** 500 before any work. */
    SERVER_ERROR(false),
    /** 429 with the provider's "retry after" header, before any work. */
    RATE_LIMITED(false),
    /** The work is done, then the answer comes later than the client's read timeout. */
    TIMEOUT_AFTER_WRITE(true),
    /** The work is done, then the connection is reset before any answer. */
    CONNECTION_DROPPED_AFTER_WRITE(true),
    /** The work is done, then the answer is truncated JSON (status of a success). */
    MALFORMED_JSON_AFTER_WRITE(true);

    private final boolean workDone;

    ProviderFault(boolean workDone) {
        this.workDone = workDone;
    }

    /** Whether the provider keeps the resource although the call failed. */
    public boolean workDone() {
        return workDone;
    }
}
