package fr.beta.guichet.request.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.GuichetSpringTest;

/** Every registered request type is deployed as its own process definition, with its name and its group. */
@GuichetSpringTest
class RequestModelDeploymentTests {

    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;
    @Autowired RequestTypes types;
    @Autowired RequestModelDeployment deployment;

    @Test
    void everyRegisteredTypeIsDeployedWithItsNameAndGroup() {
        assertThat(types.all()).hasSizeGreaterThanOrEqualTo(6);
        for (RequestType<?> type : types.all()) {
            var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(type.processKey())
                    .latestVersion().singleResult();
            assertThat(definition).as(type.processKey()).isNotNull();
            assertThat(definition.getName()).isEqualTo(type.name());
            assertThat(definition.getResourceName()).isEqualTo(type.processKey() + ".bpmn");
            assertThat(definition.getHistoryTimeToLive()).isEqualTo(365);
            UserTask claim = repositoryService.getBpmnModelInstance(definition.getId())
                    .getModelElementById(LifecycleElements.CLAIM);
            assertThat(claim.getCamundaCandidateGroups()).as(type.processKey()).isEqualTo(type.resourceGroup());
            assertThat(identityService.createGroupQuery().groupId(type.resourceGroup()).count())
                    .as("group " + type.resourceGroup()).isEqualTo(1);
        }
    }

    @Test
    void theTemplateItselfIsNeverAProcess() {
        assertThat(repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(RequestModels.TEMPLATE_KEY).count()).isZero();
    }

    @Test
    void aRestartWithTheSameTemplateDeploysNoNewVersion() {
        long before = repositoryService.createProcessDefinitionQuery().count();
        long deployments = repositoryService.createDeploymentQuery().deploymentName(RequestModelDeployment.NAME).count();
        deployment.afterPropertiesSet();
        assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(before);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(RequestModelDeployment.NAME).count())
                .isEqualTo(deployments);
    }
}
