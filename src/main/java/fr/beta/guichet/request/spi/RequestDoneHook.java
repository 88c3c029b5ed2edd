package fr.beta.guichet.request.spi;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Called in the transaction of the request's « fait » step, once per attempt of that job: implementations must be
 * idempotent per request reference (the access registry keys its rows on it).
 */
public interface RequestDoneHook {

    /**
     * @param type    the request's type
     * @param request the request's form record
     */
    void requestDone(DelegateExecution execution, RequestType<?> type, Record request);
}
