package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a lifecycle delegate needs to know about the request it runs for: its type, reference and description.
 */
@Component
public class LifecycleContext {

    private final RequestTypes types;

    LifecycleContext(RequestTypes types) {
        this.types = types;
    }

    public RequestType<?> type(DelegateExecution execution) {
        return types.forExecution(execution);
    }

    public String reference(DelegateExecution execution) {
        return execution.getProcessBusinessKey();
    }

    public String describe(DelegateExecution execution) {
        return describe(type(execution), execution);
    }

    private static <R extends Record> String describe(RequestType<R> type, DelegateExecution execution) {
        return type.describe(RequestData.read(execution, type.requestClass()));
    }
}
