package fr.beta.guichet.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Joining a resource group: asked by an admin, decided by a holder of that group, never by the applicant. */
@GuichetSpringTest
@Import(JobDriver.class)
class JoinGroupTests {

    @Autowired JoinGroupRequests joins;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;
    @Autowired JobDriver jobs;

    @Test
    void approvedByAHolderTheApplicantJoinsTheGroup() {
        String reference = joins.ask("jerome", AccessGroups.MATOMO);
        assertThat(joins.pendingGroupsOf("jerome")).contains(AccessGroups.MATOMO);
        assertThatThrownBy(() -> joins.ask("jerome", AccessGroups.MATOMO))
                .isInstanceOf(TaskActionException.class).hasMessage("access.error.alreadyAsked");
        var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        var task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> AccessGroups.MATOMO.equals(link.getGroupId()));

        assertThatThrownBy(() -> joins.decide(task.getId(), "jerome", true))
                .isInstanceOf(TaskActionException.class).hasMessage("task.error.forbidden");
        joins.decide(task.getId(), "julien", true);
        jobs.runDueJobs(instance.getId());

        assertThat(identityService.createUserQuery().userId("jerome").memberOfGroup(AccessGroups.MATOMO).count()).isOne();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId()).isEqualTo(JoinGroupProcess.JOINED);
        assertThat(new ChatProbe(transports, identities).threads())
                .anyMatch(t -> t.message().contains("@jerome rejoint le groupe ops-matomo")
                && t.message().contains("@julien"));
        identityService.deleteMembership("jerome", AccessGroups.MATOMO);
    }

    @Test
    void refusedTheApplicantStaysOutAndMembersCannotAskAgain() {
        String reference = joins.ask("totakoko", AccessGroups.OVH);
        var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        var task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        joins.decide(task.getId(), "hussardnum", false);
        assertThat(identityService.createUserQuery().userId("totakoko").memberOfGroup(AccessGroups.OVH).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId()).isEqualTo(JoinGroupProcess.REFUSED);
        assertThatThrownBy(() -> joins.ask("florian", AccessGroups.OVH))
                .isInstanceOf(TaskActionException.class).hasMessage("access.error.alreadyMember");
        assertThatThrownBy(() -> joins.ask("florian", "camunda-admin"))
                .isInstanceOf(TaskActionException.class).hasMessage("access.error.unknownGroup");
    }
}
