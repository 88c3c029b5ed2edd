package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Checks again whether the provider finished its asynchronous work. After {@code maxChecks} checks the request goes
 * to manual execution with the reason, instead of waiting forever.
 */
@Component
class CheckProviderDelegate implements JavaDelegate {

    private final LifecycleContext context;
    private final ProviderPolling polling;

    CheckProviderDelegate(LifecycleContext context, ProviderPolling polling) {
        this.context = context;
        this.polling = polling;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int checks = RequestVariables.PROVIDER_CHECKS.getOrDefault(execution, 0) + 1;
        RequestVariables.PROVIDER_CHECKS.set(execution, checks);
        Execution result;
        try {
            result = context.checkPending(execution);
        } catch (ProviderRejectedException e) {
            // a refusal while the provider works: the executor takes over with the provider's reason
            RequestVariables.EXECUTION_ERROR.set(execution, e.getMessage());
            RequestVariables.PROVIDER_STATE.set(execution, Execution.State.FAILED);
            return;
        }
        if (result.state() == Execution.State.PENDING && checks >= polling.maxChecks()) {
            RequestVariables.EXECUTION_ERROR.set(execution,
                    "Le fournisseur n'a pas terminé après %d vérifications : %s".formatted(checks, result.summary()));
            RequestVariables.PROVIDER_STATE.set(execution, Execution.State.FAILED);
            return;
        }
        RequestVariables.PROVIDER_STATE.set(execution, result.state());
        RequestVariables.EXECUTION_RESULT.set(execution, result.summary());
    }
}
