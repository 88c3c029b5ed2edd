package fr.beta.guichet.provider;

import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * The provider refused the request as asked (a business answer, such as a name already taken by something else).
 * Thrown from a delegate it is a BPMN error with code {@value #ERROR_CODE} that every request model catches on
 * {@code execute} to hand the request to the executor for manual execution. The message is shown to admins: it
 * must never contain a secret.
 */
public class ProviderRejectedException extends BpmnError {

    public static final String ERROR_CODE = "PROVIDER_REJECTED";

    private final String provider;

    public ProviderRejectedException(String provider, String message) {
        super(ERROR_CODE, message);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
