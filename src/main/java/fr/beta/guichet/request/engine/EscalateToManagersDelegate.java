package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.variables.RequestVariables;

/** After {@code managersAfter} unclaimed (2 working days): the managers are named in the thread and the request is flagged as escalated. */
@Component
class EscalateToManagersDelegate implements JavaDelegate {

    private final LifecycleContext context;
    private final RequestThread thread;
    private final AccessHolders holders;
    private final EscalationProperties escalation;
    private final fr.beta.guichet.calendar.SlaTexts sla;

    EscalateToManagersDelegate(LifecycleContext context, RequestThread thread, AccessHolders holders,
            EscalationProperties escalation, fr.beta.guichet.calendar.SlaTexts sla) {
        this.escalation = escalation;
        this.sla = sla;
        this.context = context;
        this.thread = thread;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        thread.reply(execution, "escalation", "chat.escalation", holders.mentions(EscalationProperties.MANAGERS_GROUP),
                context.reference(execution), context.type(execution).resourceGroup(),
                sla.describe(escalation.managersAfter()));
        RequestVariables.ESCALATED.set(execution, true);
    }
}
