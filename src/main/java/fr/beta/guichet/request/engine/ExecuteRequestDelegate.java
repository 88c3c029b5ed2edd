package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * {@code execute}: the type's idempotent provider call. A provider's refusal is a BPMN error caught by the model
 * (manual execution, {@link ProviderRefusals}); anything else propagates to the job executor (retries, then incident). When
 * the provider works asynchronously the model waits and {@link CheckProviderDelegate} looks again.
 */
@Component
class ExecuteRequestDelegate implements JavaDelegate {

    private final LifecycleContext context;

    ExecuteRequestDelegate(LifecycleContext context) {
        this.context = context;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Execution result = ProviderRefusals.asBpmnError(() -> context.execute(execution));
        RequestVariables.PROVIDER_STATE.set(execution, result.state());
        RequestVariables.EXECUTION_RESULT.set(execution, result.summary());
    }
}
