package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code execute}: the type's idempotent provider call. A {@code ProviderRejectedException} is a BPMN error caught
 * by the model (manual execution); anything else propagates to the job executor (retries, then incident).
 */
@Component
class ExecuteRequestDelegate implements JavaDelegate {

    private final LifecycleContext context;

    ExecuteRequestDelegate(LifecycleContext context) {
        this.context = context;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RequestVariables.EXECUTION_RESULT.set(execution, run(context.type(execution), execution));
    }

    private static <R extends Record> String run(RequestType<R> type, DelegateExecution execution) {
        return type.execute(RequestData.read(execution, type.requestClass()));
    }
}
