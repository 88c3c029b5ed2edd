package fr.beta.guichet.provider;

/**
 * The provider refused the request as asked (a business answer, such as a name already taken by something else).
 * A plain exception: the engine side decides what a refusal means for a process (the request models turn it into
 * their {@code PROVIDER_REJECTED} BPMN error, manual execution follows); a form shows it as a field error. The
 * message is shown to admins: it must never contain a secret.
 */
public class ProviderRejectedException extends RuntimeException {

    private final String provider;

    public ProviderRejectedException(String provider, String message) {
        super(message);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
