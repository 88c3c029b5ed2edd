package fr.beta.guichet.request.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.BpmnError;

import fr.beta.guichet.provider.ProviderRejectedException;

/**
 * Where a provider's refusal becomes a BPMN error. Provider clients know nothing of the engine: they throw
 * {@link ProviderRejectedException}; a delegate whose model catches the refusal wraps its provider call here, so
 * that the model's error boundary ({@value #ERROR_CODE}) takes the request to manual handling. Technical failures
 * pass through untouched (job retries, then an incident).
 */
public final class ProviderRefusals {

    /** The error code every model catches for a provider's refusal. */
    public static final String ERROR_CODE = "PROVIDER_REJECTED";

    private ProviderRefusals() {
    }

    public static <T> T asBpmnError(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderRejectedException e) {
            throw new BpmnError(ERROR_CODE, e.getMessage(), e);
        }
    }

    public static void asBpmnError(Runnable call) {
        asBpmnError(() -> {
            call.run();
            return null;
        });
    }
}
