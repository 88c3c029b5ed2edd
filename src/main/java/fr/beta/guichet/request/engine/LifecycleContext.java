package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * What a lifecycle delegate needs to know about the request it runs for: its type, reference and description.
 */
@Component
class LifecycleContext {

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

    /** The requester's « Pourquoi ? » (user text), or an empty string when the type has none. */
    public String reason(DelegateExecution execution) {
        String reason = reason(type(execution), execution);
        return reason == null ? "" : reason;
    }

    private static <R extends Record> String reason(RequestType<R> type, DelegateExecution execution) {
        return type.reasonOf(record(type, execution));
    }

    public Execution execute(DelegateExecution execution) {
        return execute(type(execution), execution);
    }

    public Execution checkPending(DelegateExecution execution) {
        return checkPending(type(execution), execution);
    }

    private static <R extends Record> Execution execute(RequestType<R> type, DelegateExecution execution) {
        return type.execute(record(type, execution), execution.getProcessBusinessKey());
    }

    private static <R extends Record> Execution checkPending(RequestType<R> type, DelegateExecution execution) {
        return type.checkPending(record(type, execution), execution.getProcessBusinessKey());
    }

    private static <R extends Record> String describe(RequestType<R> type, DelegateExecution execution) {
        return type.describe(record(type, execution));
    }

    /** The request's record, as the record of its type. */
    static <R extends Record> R record(RequestType<R> type, DelegateExecution execution) {
        return RequestVariables.REQUEST.as(type.requestClass()).get(execution);
    }
}
