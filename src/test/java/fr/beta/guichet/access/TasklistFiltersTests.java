package fr.beta.guichet.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.support.GuichetSpringTest;

/** Camunda Tasklist works for admins who prefer it: one filter per resource group, readable by that group, and « Mes tâches ». */
@GuichetSpringTest
class TasklistFiltersTests {

    @Autowired FilterService filterService;
    @Autowired AuthorizationService authorizationService;

    @Test
    void aFilterPerResourceGroupAndMyTasksExistOnce() {
        var names = filterService.createFilterQuery().list().stream().map(Filter::getName).toList();
        assertThat(names).containsOnlyOnce("Mes tâches", "Demandes OVH", "Demandes Matomo", "Demandes Docker Hub",
                "Demandes Mattermost", "Demandes Sentry");
        Filter ovh = filterService.createFilterQuery().filterName("Demandes OVH").singleResult();
        assertThat(authorizationService.isUserAuthorized("hussardnum", java.util.List.of(AccessGroups.OVH),
                Permissions.READ, Resources.FILTER, ovh.getId())).isTrue();
        assertThat(authorizationService.isUserAuthorized("jerome", java.util.List.of(AccessGroups.DOCKERHUB),
                Permissions.READ, Resources.FILTER, ovh.getId())).isFalse();
        Filter sentry = filterService.createFilterQuery().filterName("Demandes Sentry").singleResult();
        assertThat(authorizationService.isUserAuthorized("lucas", java.util.List.of(AccessGroups.SENTRY),
                Permissions.READ, Resources.FILTER, sentry.getId())).isTrue();
        assertThat(authorizationService.isUserAuthorized("jerome", java.util.List.of(AccessGroups.DOCKERHUB),
                Permissions.READ, Resources.FILTER, sentry.getId())).isFalse();
    }
}
