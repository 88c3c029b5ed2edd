package fr.beta.guichet.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.request.identity.AccessHolders;

/** Adds the approved applicant to the resource group (idempotent) and tells the ops channel. */
@Component
class AddMembershipDelegate implements JavaDelegate {

    private final IdentityService identityService;
    private final RequestThread chat;
    private final AccessHolders holders;

    AddMembershipDelegate(IdentityService identityService, RequestThread chat, AccessHolders holders) {
        this.identityService = identityService;
        this.chat = chat;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String applicant = JoinGroupProcess.APPLICANT.get(execution);
        String group = JoinGroupProcess.GROUP.get(execution);
        if (identityService.createUserQuery().userId(applicant).memberOfGroup(group).count() == 0) {
            identityService.createMembership(applicant, group);
        }
        chat.post(execution, "joined", "chat.joined", holders.mention(applicant), group,
                holders.mention(JoinGroupProcess.APPROVER.get(execution)));
    }
}
