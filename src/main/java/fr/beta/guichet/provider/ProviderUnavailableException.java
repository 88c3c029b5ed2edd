package fr.beta.guichet.provider;

/**
 * A technical failure talking to a provider (5xx, 429, I/O error, unreadable answer). It propagates out of the
 * delegate so that the engine retries the job and, after the last retry, raises an incident.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String provider;

    public ProviderUnavailableException(String provider, String message) {
        super(provider + ": " + message);
        this.provider = provider;
    }

    public ProviderUnavailableException(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
