package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code validate}: the type's business checks against the provider (read-only). A failed check is a BPMN error
 * whose message becomes {@code rejectionReason}; a provider outage propagates (retry, then incident).
 */
@Component
class ValidateRequestDelegate implements JavaDelegate {

    private final LifecycleContext context;

    ValidateRequestDelegate(LifecycleContext context) {
        this.context = context;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var failure = check(context.type(execution), execution);
        if (failure.isPresent()) {
            throw new BpmnError(LifecycleElements.VALIDATION_FAILED, failure.get().message());
        }
    }

    private static <R extends Record> java.util.Optional<RequestType.CheckFailure> check(
            RequestType<R> type, DelegateExecution execution) {
        return type.check(RequestData.read(execution, type.requestClass()));
    }
}
