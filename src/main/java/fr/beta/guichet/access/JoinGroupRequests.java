package fr.beta.guichet.access;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.identity.EngineUser;
import fr.beta.guichet.request.start.ReferenceGenerator;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.ProcessVariable;

/**
 * Asking to join a resource group, and deciding on it: an existing holder of the group approves or refuses; nobody
 * approves their own request.
 */
@Component
public class JoinGroupRequests {

    private final RuntimeService runtimeService;
    private final EngineUser engineUser;
    private final AccessHolders holders;
    private final ReferenceGenerator references;
    private final RequestTasks tasks;
    private final ResourceGroups resourceGroups;

    JoinGroupRequests(RuntimeService runtimeService, EngineUser engineUser,
            AccessHolders holders, ReferenceGenerator references, RequestTasks tasks, ResourceGroups resourceGroups) {
        this.resourceGroups = resourceGroups;
        this.runtimeService = runtimeService;
        this.engineUser = engineUser;
        this.holders = holders;
        this.references = references;
        this.tasks = tasks;
    }

    /** @return the reference of the new request */
    @Transactional
    public String ask(String applicant, String group) {
        if (!resourceGroups.contains(group)) {
            throw new TaskActionException("access.error.unknownGroup");
        }
        if (holders.groupsOf(applicant).contains(group)) {
            throw new TaskActionException("access.error.alreadyMember");
        }
        if (!pendingGroupsOf(applicant).stream().filter(group::equals).toList().isEmpty()) {
            throw new TaskActionException("access.error.alreadyAsked");
        }
        String reference = references.next(JoinGroupProcess.REFERENCE_PREFIX);
        var variables = Variables.createVariables();
        JoinGroupProcess.APPLICANT.putIn(variables, applicant);
        JoinGroupProcess.GROUP.putIn(variables, group);
        JoinGroupProcess.DESCRIPTION.putIn(variables, "%s demande à rejoindre le groupe %s".formatted(applicant, group));
        engineUser.run(applicant, () -> runtimeService.startProcessInstanceByKey(JoinGroupProcess.KEY, reference, variables));
        return reference;
    }

    /** The groups this person has asked to join and that nobody has decided on yet. */
    public List<String> pendingGroupsOf(String applicant) {
        return JoinGroupProcess.APPLICANT.whereEquals(runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(JoinGroupProcess.KEY), applicant).list().stream()
                .map(instance -> JoinGroupProcess.GROUP.get(runtimeService, instance.getId()))
                .toList();
    }

    public void decide(String taskId, String approver, boolean approved) {
        var task = tasks.visibleTask(taskId, approver);
        if (!JoinGroupProcess.APPROVE.equals(task.getTaskDefinitionKey())) {
            throw new TaskActionException("task.error.gone");
        }
        String applicant = JoinGroupProcess.APPLICANT.get(runtimeService, task.getProcessInstanceId());
        if (approver.equals(applicant)) {
            throw new TaskActionException("access.error.ownRequest");
        }
        tasks.complete(taskId, approver, ProcessVariable.variables(
                JoinGroupProcess.APPROVED.with(approved),
                JoinGroupProcess.APPROVER.with(approver)));
    }
}
