package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * {@code validate}: the type's business checks against the provider (read-only). A failed check is a BPMN error
 * whose message becomes {@code rejectionReason}; a provider outage propagates (retry, then incident). The checks
 * only read: a provider refusing a read (an unexpected 4xx) is a technical matter too, never the end of the request —
 * uncaught, its BPMN error would end the instance without a trace.
 */
@Component
class ValidateRequestDelegate implements JavaDelegate {

    private final LifecycleContext context;

    ValidateRequestDelegate(LifecycleContext context) {
        this.context = context;
    }

    @Override
    public void execute(DelegateExecution execution) {
        java.util.Optional<RequestType.CheckFailure> failure;
        try {
            failure = check(context.type(execution), execution);
        } catch (ProviderRejectedException e) {
            throw new ProviderUnavailableException(e.provider(), "check refused: " + e.getMessage());
        }
        if (failure.isPresent()) {
            throw new BpmnError(LifecycleElements.VALIDATION_FAILED, failure.get().message());
        }
    }

    private static <R extends Record> java.util.Optional<RequestType.CheckFailure> check(
            RequestType<R> type, DelegateExecution execution) {
        return type.check(LifecycleContext.record(type, execution));
    }
}
